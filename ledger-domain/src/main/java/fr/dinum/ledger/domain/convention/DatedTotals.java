package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.values.Montant;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A convention's movements summed per business date. Facts may be recorded out of date order (a
 * receipt keyed in late), so a rule such as "CP opened never exceed receipts" must hold at every
 * date a balance can be asked for, not only on the total. This keeps what is needed to check that.
 */
final class DatedTotals {

    private final TreeMap<LocalDate, Totals> perDate = new TreeMap<>();
    private Totals total = Totals.ZERO;

    void add(LocalDate date, Totals delta) {
        perDate.merge(date, delta, Totals::plus);
        total = total.plus(delta);
    }

    Totals total() {
        return total;
    }

    /** The sums of the movements dated on or before {@code date}. */
    Totals asOf(LocalDate date) {
        Totals sum = Totals.ZERO;
        for (Totals delta : perDate.headMap(date, true).values()) {
            sum = sum.plus(delta);
        }
        return sum;
    }

    LocalDate lastDate() {
        return perDate.isEmpty() ? null : perDate.lastKey();
    }

    /**
     * The smallest value {@code measure} takes at any date from {@code from} on. A new movement
     * dated {@code from} that lowers the measure by X keeps it non-negative everywhere exactly when
     * X is at most this headroom.
     */
    Montant headroomFrom(LocalDate from, Function<Totals, Montant> measure) {
        Totals cumulative = Totals.ZERO;
        Montant minimum = null;
        for (Map.Entry<LocalDate, Totals> entry : perDate.entrySet()) {
            if (entry.getKey().isAfter(from)) {
                // The value just before this date holds on an interval that starts at or after 'from'.
                minimum = lower(minimum, measure.apply(cumulative));
            }
            cumulative = cumulative.plus(entry.getValue());
        }
        return lower(minimum, measure.apply(cumulative));
    }

    private static Montant lower(Montant current, Montant candidate) {
        return current == null ? candidate : current.min(candidate);
    }
}
