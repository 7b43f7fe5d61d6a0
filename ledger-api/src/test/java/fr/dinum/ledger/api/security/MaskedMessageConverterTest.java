package fr.dinum.ledger.api.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Logs never print a bank account in full, and nothing else is changed. */
class MaskedMessageConverterTest {

    private final LoggerContext context = new LoggerContext();
    private final MaskedMessageConverter converter = new MaskedMessageConverter();

    private String written(String format, Object... arguments) {
        LoggingEvent event = new LoggingEvent(MaskedMessageConverterTest.class.getName(),
                context.getLogger("ledger.test"), Level.INFO, format, null, arguments);
        return converter.convert(event);
    }

    @Test
    void a_compact_iban_keeps_its_country_check_digits_and_last_four_characters() {
        assertThat(written("Restitution to {} recorded", "FR7630006000011234567890189"))
                .isEqualTo("Restitution to FR76\u20260189 recorded");
    }

    @Test
    void an_iban_printed_in_groups_of_four_is_masked_whole() {
        assertThat(written("IBAN FR76 3000 6000 0112 3456 7890 189 du contributeur"))
                .isEqualTo("IBAN FR76\u20260189 du contributeur");
        assertThat(written("account=DE89 3704 0044 0532 0130 00."))
                .isEqualTo("account=DE89\u20263000.");
    }

    @Test
    void two_ibans_in_one_message_are_both_masked() {
        assertThat(written("from {} to {}", "FR7630006000011234567890189", "DE89 3704 0044 0532 0130 00"))
                .isEqualTo("from FR76\u20260189 to DE89\u20263000");
    }

    @Test
    void an_iban_inside_json_or_after_an_underscore_is_masked() {
        assertThat(written("{\"iban\":\"FR7630006000011234567890189\",\"bic\":\"BDFEFRPPCCT\"}"))
                .isEqualTo("{\"iban\":\"FR76\u20260189\",\"bic\":\"BDFEFRPPCCT\"}");
        assertThat(written("iban_FR7630006000011234567890189")).isEqualTo("iban_FR76\u20260189");
    }

    @Test
    void a_message_without_iban_is_returned_unchanged() {
        String message = "Convention ANCT-2020-INCUBATEUR: 800 000,00 € received on 2020-11-02 (AE 352, BOP 0352-CFSE)";
        assertThat(written(message)).isEqualTo(message);
        assertThat(MaskedMessageConverter.mask(message)).as("no copy is made").isSameAs(message);
    }

    @Test
    void ej_dp_siret_and_other_identifiers_are_not_taken_for_ibans() {
        String message = "EJ 1300000001, DP 100000001, SIRET 13002526500013, SIREN 130025265, "
                + "correlation 3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f, fund 1-2-00548";
        assertThat(written(message)).isEqualTo(message);
        // Two capitals and two digits, but too short to be an account, or part of a longer word.
        assertThat(written("tranche AB12 3456, ref XY12ABC, hash AB12CDEF0123456789ABCDEF0123456789ABCDEF"))
                .isEqualTo("tranche AB12 3456, ref XY12ABC, hash AB12CDEF0123456789ABCDEF0123456789ABCDEF");
    }

    @Test
    void a_null_message_stays_null() {
        assertThat(MaskedMessageConverter.mask(null)).isNull();
    }
}
