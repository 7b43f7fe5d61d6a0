package fr.dinum.ledger.domain.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class JsonRoundTripTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(Montant.of("1600000.00"), "\"1600000.00\""),
                Arguments.of(Montant.of("-3.5"), "\"-3.50\""),
                Arguments.of(EjNumber.of("1300012345"), "\"1300012345\""),
                Arguments.of(DpNumber.of("100012345"), "\"100012345\""),
                Arguments.of(Siren.of("130026032"), "\"130026032\""),
                Arguments.of(Siret.of("13002603200016"), "\"13002603200016\""),
                Arguments.of(Iban.of("FR76 3000 1000 6400 0000 9244 140"), "\"FR7630001000640000009244140\""),
                Arguments.of(Bic.of("BDFEFRPPCCT"), "\"BDFEFRPPCCT\""));
    }

    @ParameterizedTest
    @MethodSource("values")
    void every_value_travels_as_a_plain_json_string(Object value, String json) throws Exception {
        assertThat(mapper.writeValueAsString(value)).isEqualTo(json);
        assertThat(mapper.readValue(json, value.getClass())).isEqualTo(value);
    }

    record Holder(Montant montant, Iban iban) {}

    @Test
    void values_nested_in_a_record_travel_as_strings() throws Exception {
        Holder holder = new Holder(Montant.of("10.5"), Iban.of("FR7630001000640000009244140"));
        String json = mapper.writeValueAsString(holder);
        assertThat(json).isEqualTo("{\"montant\":\"10.50\",\"iban\":\"FR7630001000640000009244140\"}");
        assertThat(mapper.readValue(json, Holder.class)).isEqualTo(holder);
    }

    @Test
    void an_invalid_json_string_is_refused_with_its_code() {
        assertThatThrownBy(() -> mapper.readValue("\"FR7630001000640000009244141\"", Iban.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasRootCauseInstanceOf(InvalidValueException.class)
                .rootCause()
                .extracting(e -> ((InvalidValueException) e).code())
                .isEqualTo("IBAN_CHECKSUM_INVALID");
    }
}
