package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.values.Montant;

import java.util.List;
import java.util.function.Function;

/**
 * The credits of a period made of consecutive exercices: carried in at its first day, opened,
 * consumed, pre-financed (reimbursements), cancelled, and carried over at its last day, in AE and
 * in CP. {@code carriedOver = carriedIn + opened − consumed − cancelled} holds because it holds for
 * each {@link ExerciceLine} it adds up.
 */
public record Credits(Montant aeCarriedIn, Montant aeOpened, Montant aeConsumed, Montant aePrefinanced,
                      Montant aeCancelled, Montant aeCarriedOver, Montant cpCarriedIn, Montant cpOpened,
                      Montant cpConsumed, Montant cpPrefinanced, Montant cpCancelled, Montant cpCarriedOver) {

    public static final Credits NONE = new Credits(Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO,
            Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO,
            Montant.ZERO);

    /** The credits over consecutive exercices, in year order. */
    public static Credits over(List<ExerciceLine> exercices) {
        if (exercices.isEmpty()) {
            return NONE;
        }
        ExerciceLine first = exercices.get(0);
        ExerciceLine last = exercices.get(exercices.size() - 1);
        return new Credits(first.aeCarriedIn(), sum(exercices, ExerciceLine::aeOpened),
                sum(exercices, ExerciceLine::aeConsumed), sum(exercices, ExerciceLine::aePrefinanced),
                sum(exercices, ExerciceLine::aeCancelled), last.aeCarriedOver(),
                first.cpCarriedIn(), sum(exercices, ExerciceLine::cpOpened), sum(exercices, ExerciceLine::cpConsumed),
                sum(exercices, ExerciceLine::cpPrefinanced), sum(exercices, ExerciceLine::cpCancelled),
                last.cpCarriedOver());
    }

    private static Montant sum(List<ExerciceLine> lines, Function<ExerciceLine, Montant> column) {
        return Montant.sum(lines.stream().map(column).toList());
    }
}
