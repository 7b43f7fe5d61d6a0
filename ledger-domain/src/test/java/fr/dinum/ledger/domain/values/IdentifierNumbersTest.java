package fr.dinum.ledger.domain.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierNumbersTest {

    private static void assertRefused(Runnable parse, String code) {
        assertThatThrownBy(parse::run)
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).code())
                .isEqualTo(code);
    }

    @Test
    void an_ej_number_is_exactly_ten_digits() {
        assertThat(EjNumber.of("1300012345").value()).isEqualTo("1300012345");
        assertThat(EjNumber.of("0000000001").toString()).isEqualTo("0000000001");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"130001234", "13000123456", "13000A2345", " 1300012345", "130001234５"})
    void an_ej_number_that_is_not_ten_ascii_digits_is_refused(String value) {
        assertRefused(() -> EjNumber.of(value), "EJ_NUMBER_INVALID");
    }

    @Test
    void a_dp_number_is_exactly_nine_digits() {
        assertThat(DpNumber.of("100012345").value()).isEqualTo("100012345");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1000123456", "10001234", "10001234X", "abcdefghi"})
    void a_dp_number_that_is_not_nine_ascii_digits_is_refused(String value) {
        assertRefused(() -> DpNumber.of(value), "DP_NUMBER_INVALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"130026032", "226200012", "356000000"})
    void a_siren_passing_the_luhn_check_is_accepted(String value) {
        assertThat(Siren.of(value).toString()).isEqualTo(value);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"13002603", "1300260321", "13002603A", "130 026 032"})
    void a_siren_that_is_not_nine_digits_is_refused(String value) {
        assertRefused(() -> Siren.of(value), "SIREN_FORMAT_INVALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"130026033", "226200013", "310026032"})
    void a_siren_failing_the_luhn_check_is_refused(String value) {
        assertRefused(() -> Siren.of(value), "SIREN_CHECKSUM_INVALID");
    }

    @Test
    void a_siret_passing_the_luhn_check_is_accepted_and_gives_its_siren() {
        Siret siret = Siret.of("13002603200024");
        assertThat(siret.toString()).isEqualTo("13002603200024");
        assertThat(siret.siren()).isEqualTo(Siren.of("130026032"));
        assertThat(Siret.of("13002603200016").siren()).isEqualTo(Siren.of("130026032"));
    }

    @Test
    void a_siret_failing_the_luhn_check_is_refused() {
        assertRefused(() -> Siret.of("13002603200017"), "SIRET_CHECKSUM_INVALID");
        assertRefused(() -> Siret.of("13002603200061"), "SIRET_CHECKSUM_INVALID");
    }

    @Test
    void a_siret_whose_siren_fails_the_luhn_check_is_refused_even_if_the_whole_passes() {
        // 13002603300006 passes the Luhn check over 14 digits, but its SIREN 130026033 does not.
        assertThat(Siren.passesLuhn("13002603300006")).isTrue();
        assertRefused(() -> Siret.of("13002603300006"), "SIRET_CHECKSUM_INVALID");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1300260320001", "130026032000160", "1300260320001A", "130 026 032 00016"})
    void a_siret_that_is_not_fourteen_digits_is_refused(String value) {
        assertRefused(() -> Siret.of(value), "SIRET_FORMAT_INVALID");
    }

    @Test
    void la_poste_head_office_siret_passes_the_luhn_check() {
        // The head office's digits sum to 26, not a multiple of 5: it keeps the ordinary Luhn check.
        assertThat(Siret.of("35600000000048").siren()).isEqualTo(Siren.of("356000000"));
    }

    @Test
    void a_la_poste_siret_whose_digits_sum_to_a_multiple_of_five_is_accepted_without_luhn() {
        // 3+5+6+1 = 15, and the number fails the Luhn check.
        assertThat(Siren.passesLuhn("35600000000001")).isFalse();
        assertThat(Siret.of("35600000000001").siren()).isEqualTo(Siren.of("356000000"));
    }

    @Test
    void a_la_poste_siret_whose_digits_do_not_sum_to_a_multiple_of_five_is_refused() {
        // 3+5+6+2 = 16, and the number also fails the Luhn check.
        assertRefused(() -> Siret.of("35600000000002"), "SIRET_CHECKSUM_INVALID");
    }
}
