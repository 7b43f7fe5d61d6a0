package fr.dinum.ledger.domain.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MontantTest {

    @Test
    void amounts_are_normalised_to_two_decimals_so_equal_amounts_are_equal() {
        assertThat(Montant.of("10.5")).isEqualTo(Montant.of("10.50"));
        assertThat(Montant.of("10.5").hashCode()).isEqualTo(Montant.of("10.50").hashCode());
        assertThat(Montant.of("12")).isEqualTo(Montant.euros(12));
        assertThat(Montant.of(new BigDecimal("1E+2"))).isEqualTo(Montant.euros(100));
        assertThat(Montant.of(new BigDecimal("7.100000"))).isEqualTo(Montant.of("7.1"));
        assertThat(Montant.of("12").value().scale()).isEqualTo(2);
    }

    @Test
    void plain_decimal_text_is_accepted() {
        assertThat(Montant.of("1600000.00").toString()).isEqualTo("1600000.00");
        assertThat(Montant.of("12").toString()).isEqualTo("12.00");
        assertThat(Montant.of("-3.5").toString()).isEqualTo("-3.50");
        assertThat(Montant.of("0").toString()).isEqualTo("0.00");
        assertThat(Montant.of("999999999999.99").toString()).isEqualTo("999999999999.99");
        assertThat(Montant.of("-999999999999.99").isNegative()).isTrue();
    }

    @Test
    void to_string_never_uses_scientific_notation() {
        assertThat(Montant.euros(100_000_000_000L).toString()).isEqualTo("100000000000.00");
        assertThat(Montant.of(new BigDecimal("1E+3")).toString()).isEqualTo("1000.00");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1e3", "1E3", "12,50", "abc", " 12", "12 ", "1 000", "+12", ".5", "5.", "--1", "0x10",
        "١٢"})
    void text_that_is_not_a_plain_decimal_is_refused(String text) {
        assertThatThrownBy(() -> Montant.of(text))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).code())
                .isEqualTo("AMOUNT_NOT_A_NUMBER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.234", "0.001", "-3.505", "12.3450001"})
    void more_than_two_significant_decimals_are_refused(String text) {
        assertThatThrownBy(() -> Montant.of(text))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).code())
                .isEqualTo("AMOUNT_TOO_MANY_DECIMALS");
    }

    @Test
    void trailing_zeros_beyond_the_cents_are_not_significant() {
        assertThat(Montant.of("1.2300")).isEqualTo(Montant.of("1.23"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000000000", "1000000000000.00", "999999999999.991", "-1000000000000",
        "99999999999999999999"})
    void amounts_beyond_the_range_are_refused(String text) {
        assertThatThrownBy(() -> Montant.of(text))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).code())
                .isIn("AMOUNT_OUT_OF_RANGE", "AMOUNT_TOO_MANY_DECIMALS");
        if (!text.contains(".")) {
            assertThatThrownBy(() -> Montant.of(text))
                    .extracting(e -> ((InvalidValueException) e).code())
                    .isEqualTo("AMOUNT_OUT_OF_RANGE");
        }
    }

    @Test
    void a_null_decimal_is_refused() {
        assertThatThrownBy(() -> Montant.of((BigDecimal) null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void arithmetic_is_exact() {
        assertThat(Montant.of("0.10").plus(Montant.of("0.20"))).isEqualTo(Montant.of("0.30"));
        assertThat(Montant.of("100").minus(Montant.of("100.01"))).isEqualTo(Montant.of("-0.01"));
        assertThat(Montant.of("3.5").negate()).isEqualTo(Montant.of("-3.50"));
        assertThat(Montant.ZERO.negate()).isEqualTo(Montant.ZERO);
        assertThat(Montant.sum(List.of(Montant.of("0.10"), Montant.of("0.20"), Montant.of("-0.05"))))
                .isEqualTo(Montant.of("0.25"));
        assertThat(Montant.sum(List.of())).isEqualTo(Montant.ZERO);
    }

    @Test
    void results_beyond_the_range_are_refused() {
        Montant max = Montant.of("999999999999.99");
        assertThatThrownBy(() -> max.plus(Montant.of("0.01")))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).code())
                .isEqualTo("AMOUNT_OUT_OF_RANGE");
    }

    @Test
    void comparisons_follow_the_amounts() {
        Montant ten = Montant.euros(10);
        Montant twenty = Montant.euros(20);
        assertThat(ten.min(twenty)).isEqualTo(ten);
        assertThat(ten.max(twenty)).isEqualTo(twenty);
        assertThat(ten.isLessThan(twenty)).isTrue();
        assertThat(twenty.isGreaterThan(ten)).isTrue();
        assertThat(ten.isGreaterThan(ten)).isFalse();
        assertThat(ten.isLessThan(ten)).isFalse();
        assertThat(ten.isAtLeast(ten)).isTrue();
        assertThat(ten.isAtMost(ten)).isTrue();
        assertThat(twenty.isAtMost(ten)).isFalse();
        assertThat(ten.isAtLeast(twenty)).isFalse();
        assertThat(ten.compareTo(Montant.of("10.00"))).isZero();
        assertThat(ten.isPositive()).isTrue();
        assertThat(ten.negate().isNegative()).isTrue();
        assertThat(Montant.ZERO.isZero()).isTrue();
        assertThat(Montant.ZERO.isPositive()).isFalse();
        assertThat(Montant.ZERO.isNegative()).isFalse();
    }
}
