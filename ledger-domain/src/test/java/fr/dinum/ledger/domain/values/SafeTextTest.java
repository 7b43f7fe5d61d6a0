package fr.dinum.ledger.domain.values;

import fr.dinum.ledger.domain.convention.ConventionCommand.CommitAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReceivePayment;
import fr.dinum.ledger.domain.convention.ConventionCommand.TerminateConvention;
import fr.dinum.ledger.domain.convention.Terms.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rule for typed text and business dates, and the commands that apply it whoever builds them. */
class SafeTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"A\u0000B", "A\tB", "A\u001bB", "A\u007fB", "A\u0085B", "A\u202eB", "A\u2066B", "A\ud800B", "A\udc00"})
    void a_control_character_a_bidirectional_override_or_a_lone_surrogate_is_refused(String text) {
        assertThat(SafeText.firstUnsafe(text, SafeText.Lines.MULTI)).isEqualTo(1);
        assertThatThrownBy(() -> SafeText.singleLine("supplier.name", text))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).isEqualTo("TEXT_CONTROL_CHARACTER");
                    assertThat(e.getMessage()).startsWith("supplier.name has the character U+").contains("position 2");
                });
    }

    @Test
    void line_breaks_are_allowed_in_free_text_only() {
        assertThat(SafeText.firstUnsafe("Ligne 1\r\nLigne 2", SafeText.Lines.MULTI)).isEqualTo(-1);
        assertThat(SafeText.firstUnsafe("Ligne 1\nLigne 2", SafeText.Lines.SINGLE)).isEqualTo(7);
    }

    @Test
    void printable_text_in_any_script_is_accepted() {
        assertThat(SafeText.firstUnsafe("Arrêté n° 2020-10 — Œuvre « 100 % » 😀 العربية 中文", SafeText.Lines.SINGLE)).isEqualTo(-1);
        assertThat(SafeText.firstUnsafe(null, SafeText.Lines.SINGLE)).isEqualTo(-1);
    }

    @Test
    void business_dates_lie_between_1990_and_2100() {
        assertThat(BusinessDate.inRange(LocalDate.of(1990, 1, 1))).isTrue();
        assertThat(BusinessDate.inRange(LocalDate.of(2100, 12, 31))).isTrue();
        assertThat(BusinessDate.inRange(LocalDate.of(1989, 12, 31))).isFalse();
        assertThat(BusinessDate.inRange(LocalDate.MAX)).isFalse();
        assertThatThrownBy(() -> BusinessDate.require("paidOn", LocalDate.MAX))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("DATE_OUT_OF_RANGE"));
    }

    @Test
    void a_command_carrying_a_nul_or_a_date_out_of_range_cannot_be_built_whoever_builds_it() {
        assertThatThrownBy(() -> new CommitAe("C1", EjNumber.of("1300000001"), Montant.of("1.00"), LocalDate.of(2020, 1, 1),
                new Supplier("A\u0000B", null), "object", null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.getMessage()).startsWith("supplier.name"));
        assertThatThrownBy(() -> new ReceivePayment("C1", "R1", Montant.of("1.00"), LocalDate.of(999_999_999, 12, 31), null, null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("DATE_OUT_OF_RANGE"));
        assertThat(new TerminateConvention("C1", LocalDate.of(2021, 1, 1), "Motif :\nfin du projet").reason())
                .contains("\n");
    }
}
