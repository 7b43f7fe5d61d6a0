package fr.dinum.ledger.api.console;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormInputTest {

    @Test
    void amounts_typed_the_french_way_become_the_apis_decimals() {
        assertThat(FormInput.amount("1 600 000,00")).isEqualTo("1600000.00");
        assertThat(FormInput.amount("1\u00A0600\u202F000,5 €")).isEqualTo("1600000.5");
        assertThat(FormInput.amount("1600000.00")).isEqualTo("1600000.00");
        assertThat(FormInput.amount("deux mille")).as("left for the API to refuse").isEqualTo("deux mille");
    }

    @Test
    void dates_typed_the_french_way_become_iso_dates_and_anything_else_is_left_as_typed() {
        assertThat(FormInput.date("31/12/2020")).isEqualTo("2020-12-31");
        assertThat(FormInput.date("2020-12-31")).isEqualTo("2020-12-31");
        assertThat(FormInput.date("31/02/2020")).isEqualTo("31/02/2020");
    }

    @Test
    void a_form_becomes_the_apis_body_with_blank_fields_and_blank_rows_left_out() {
        var form = CommandForms.form("sign", CommandForms.Choices.NONE).orElseThrow();
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("conventionId", "C-1");
        typed.put("title", "  ");
        typed.put("amount", "1 000,00");
        typed.put("contributor.name", "Oise");
        typed.put("contributor.restitutionAccount.iban", "FR76");
        typed.put("tranches[0].number", "1");
        typed.put("tranches[1].number", "2");
        typed.put("tranches[2].number", "3");
        typed.put("tranches[2].amount", "1000,00");
        FormInput.Result result = FormInput.read(form, typed);
        assertThat(result.body().toString()).isEqualTo("{\"conventionId\":\"C-1\",\"amount\":\"1000.00\","
                + "\"contributor\":{\"name\":\"Oise\",\"restitutionAccount\":{\"iban\":\"FR76\"}},"
                + "\"tranches\":[{\"number\":3,\"amount\":\"1000.00\"}]}");
        assertThat(FormInput.formPath(result, "tranches[0].amount")).isEqualTo("tranches[2].amount");
    }

    @Test
    void a_number_that_is_none_is_reported_on_its_field() {
        var form = CommandForms.form("receipts", CommandForms.Choices.NONE).orElseThrow();
        FormInput.Result result = FormInput.read(form, Map.of("trancheNumber", "deux"));
        assertThat(result.errors()).containsEntry("trancheNumber", "Nombre entier attendu.");
    }
}
