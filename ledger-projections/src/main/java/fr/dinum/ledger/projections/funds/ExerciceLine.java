package fr.dinum.ledger.projections.funds;

import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.domain.values.Montant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fund's (or programme's) figures for one exercice. Credits still available on 31 December are
 * carried over to the next exercice on the same programme (report, LOLF art. 17):
 * {@code carriedOver = carriedIn + opened - consumed}, where AE consumed are AE committed less AE
 * released in the year and CP consumed are CP paid in the year, each plus the restitutions of the
 * year, which are paid out of the same credits.
 */
public record ExerciceLine(int exercice, Montant received, Montant aeCarriedIn, Montant aeOpened, Montant aeCommitted,
                           Montant aeReleased, Montant aeConsumed, Montant aeCarriedOver, Montant cpCarriedIn,
                           Montant cpOpened, Montant cpConsumed, Montant cpCarriedOver, Montant restituted) {

    /** One line per year from the first movement to {@code lastYear}, years without movements included. */
    static List<ExerciceLine> of(Map<Integer, Totals> byYear, int lastYear) {
        List<ExerciceLine> lines = new ArrayList<>();
        if (byYear.isEmpty()) {
            return lines;
        }
        int first = byYear.keySet().stream().min(Integer::compare).orElseThrow();
        Montant aeCarried = Montant.ZERO;
        Montant cpCarried = Montant.ZERO;
        for (int year = first; year <= lastYear; year++) {
            Totals t = byYear.getOrDefault(year, Totals.ZERO);
            Montant aeConsumed = t.aeNet().plus(t.restituted());
            Montant cpConsumed = t.cpPaid().plus(t.restituted());
            Montant aeOver = aeCarried.plus(t.aeOpened()).minus(aeConsumed);
            Montant cpOver = cpCarried.plus(t.cpOpened()).minus(cpConsumed);
            lines.add(new ExerciceLine(year, t.received(), aeCarried, t.aeOpened(), t.aeCommitted(), t.aeReleased(),
                    aeConsumed, aeOver, cpCarried, t.cpOpened(), cpConsumed, cpOver, t.restituted()));
            aeCarried = aeOver;
            cpCarried = cpOver;
        }
        return lines;
    }
}
