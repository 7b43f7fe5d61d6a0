package fr.dinum.ledger.domain.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BankIdentifiersTest {

    private static void assertRefused(Runnable parse, String code) {
        assertThatThrownBy(parse::run)
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).code())
                .isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "FR7630001000640000009244140",
        "FR573000100622C641000000087",
        "FR853000100185C601000000048",
        "FR7610071690000000100488750",
        "FR7610071590000000102014889",
        // Foreign IBANs from the published examples of the IBAN registry.
        "DE89370400440532013000",
        "GB29NWBK60161331926819",
        "BE68539007547034",
        "NL91ABNA0417164300",
        "CH9300762011623852957"
    })
    void an_iban_passing_every_check_is_accepted(String value) {
        assertThat(Iban.of(value).toString()).isEqualTo(value);
    }

    @Test
    void an_iban_is_normalised_by_removing_spaces_and_upper_casing() {
        assertThat(Iban.of("FR76 3000 1000 6400 0000 9244 140")).isEqualTo(Iban.of("FR7630001000640000009244140"));
        assertThat(Iban.of("fr57 3000 1006 22c6 4100 0000 087").toString()).isEqualTo("FR573000100622C641000000087");
    }

    @Test
    void a_masked_iban_shows_only_the_country_the_check_digits_and_the_last_four_characters() {
        assertThat(Iban.of("FR7630001000640000009244140").masked()).isEqualTo("FR76\u20264140");
    }

    @ParameterizedTest
    @CsvSource({
        // One digit changed in each of the accepted IBANs.
        "FR7630001000640000009244141",
        "FR573000100622C641000000088",
        "FR853000100185C601000000047",
        "FR7610071690000000100488751",
        "FR7610071590000000102014880",
        "FR7730001000640000009244140",
        "DE89370400440532013001"
    })
    void an_iban_failing_the_mod_97_check_is_refused(String value) {
        assertRefused(() -> Iban.of(value), "IBAN_CHECKSUM_INVALID");
    }

    @Test
    void a_french_iban_with_a_wrong_rib_key_is_refused_even_when_its_check_digits_are_right() {
        // The RIB key of FR7630001000640000009244140 is 40; here it is 41 and the IBAN check digits
        // were recomputed (49), so only the RIB key check can fail.
        assertRefused(() -> Iban.of("FR4930001000640000009244141"), "RIB_KEY_INVALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "FR763000100064000000924414",
        "FR76300010006400000092441400",
        "DE8937040044053201300",
        "BE685390075470341",
        "XX891234567890",
        "FR76300"
    })
    void an_iban_of_the_wrong_length_for_its_country_is_refused(String value) {
        assertRefused(() -> Iban.of(value), "IBAN_LENGTH_INVALID");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"7630001000640000009244140FR", "FRAB30001000640000009244140", "FR76-3000-1000-6400",
        "FR76300010006400000092441é0", "FR76", "FR76300010006400000092441401234567890"})
    void an_iban_with_the_wrong_characters_is_refused(String value) {
        assertRefused(() -> Iban.of(value), "IBAN_FORMAT_INVALID");
    }

    @ParameterizedTest
    @CsvSource({"BDFEFRPPCCT,BDFEFRPPCCT", "TRPUFRP1,TRPUFRP1", "' bdfefrppcct ',BDFEFRPPCCT", "DEUTDEFF500,DEUTDEFF500"})
    void a_bic_of_eight_or_eleven_characters_is_accepted_and_normalised(String input, String expected) {
        assertThat(Bic.of(input).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"BDFEFRP", "BDFEFRPPC", "BDFEFRPPCCTX", "BD1EFRPPCCT", "BDFE12PPCCT", "BDFE FRPP",
        "BDFEFRPP-CT"})
    void a_bic_of_the_wrong_shape_is_refused(String value) {
        assertRefused(() -> Bic.of(value), "BIC_FORMAT_INVALID");
    }
}
