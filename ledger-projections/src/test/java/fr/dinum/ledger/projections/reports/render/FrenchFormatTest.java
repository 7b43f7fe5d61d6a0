package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.values.Montant;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrenchFormatTest {

    private static final String NBSP = "\u00A0";

    @Test
    void amounts_are_grouped_by_three_with_a_no_break_space_and_end_with_the_euro_sign() {
        assertThat(FrenchFormat.amount(Montant.of("1600000.00"))).isEqualTo("1" + NBSP + "600" + NBSP + "000,00" + NBSP + "€");
        assertThat(FrenchFormat.amount(Montant.of("999.5"))).isEqualTo("999,50" + NBSP + "€");
        assertThat(FrenchFormat.amount(Montant.of("1000"))).isEqualTo("1" + NBSP + "000,00" + NBSP + "€");
        assertThat(FrenchFormat.amount(Montant.of("0.05"))).isEqualTo("0,05" + NBSP + "€");
        assertThat(FrenchFormat.amount(Montant.of("999999999999.99")))
                .isEqualTo("999" + NBSP + "999" + NBSP + "999" + NBSP + "999,99" + NBSP + "€");
    }

    @Test
    void negative_amounts_keep_their_minus_sign_before_the_digits() {
        assertThat(FrenchFormat.amount(Montant.of("-1600.00"))).isEqualTo("-1" + NBSP + "600,00" + NBSP + "€");
        assertThat(FrenchFormat.amount(Montant.of("-0.01"))).isEqualTo("-0,01" + NBSP + "€");
        assertThat(FrenchFormat.amount(Montant.ZERO)).isEqualTo("0,00" + NBSP + "€");
    }

    @Test
    void csv_numbers_have_a_decimal_comma_and_no_grouping() {
        assertThat(FrenchFormat.csvNumber(Montant.of("1600000.00"))).isEqualTo("1600000,00");
        assertThat(FrenchFormat.csvNumber(Montant.of("-1600"))).isEqualTo("-1600,00");
        assertThat(FrenchFormat.csvNumber((Montant) null)).isEmpty();
    }

    @Test
    void dates_are_day_month_year() {
        assertThat(FrenchFormat.date(LocalDate.of(2020, 5, 11))).isEqualTo("11/05/2020");
        assertThat(FrenchFormat.csvDate(LocalDate.of(2020, 5, 11))).isEqualTo("11/05/2020");
        assertThat(FrenchFormat.date(null)).isEmpty();
        assertThat(FrenchFormat.parseDate("11/05/2020")).isEqualTo(LocalDate.of(2020, 5, 11));
    }

    @Test
    void what_is_written_reads_back_exactly() {
        for (String value : new String[] {"0.00", "0.10", "12.34", "-1600.00", "1600000.00", "999999999999.99"}) {
            BigDecimal exact = new BigDecimal(value);
            assertThat(FrenchFormat.parseAmount(FrenchFormat.amount(exact))).isEqualTo(exact);
            assertThat(FrenchFormat.parseCsvNumber(FrenchFormat.csvNumber(exact))).isEqualTo(exact);
        }
        assertThat(FrenchFormat.parseAmount("1\u202F600\u202F000,00\u202F€")).isEqualTo(new BigDecimal("1600000.00"));
        assertThat(FrenchFormat.parseAmount("1 600 000,00 €")).isEqualTo(new BigDecimal("1600000.00"));
    }

    @Test
    void a_value_with_more_than_two_decimals_is_refused_rather_than_rounded() {
        assertThatThrownBy(() -> FrenchFormat.amount(new BigDecimal("1.005"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FrenchFormat.parseCsvNumber("1,005")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> FrenchFormat.parseCsvNumber("1.00")).isInstanceOf(NumberFormatException.class);
    }
}
