package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.values.Montant;

import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
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
     * The smallest value {@code measure} takes at any date from {@code from} on: at {@code from}, at
     * each later movement, and at each of {@code moreDates} (dates where the measure itself changes,
     * such as an avenant's new ceiling). A new movement dated {@code from} that lowers the measure by
     * X keeps it non-negative everywhere exactly when X is at most this headroom.
     */
    Montant headroomFrom(LocalDate from, NavigableSet<LocalDate> moreDates,
                         BiFunction<LocalDate, Totals, Montant> measure) {
        NavigableSet<LocalDate> points = new TreeSet<>(perDate.tailMap(from, false).keySet());
        points.addAll(moreDates.tailSet(from, false));
        Totals cumulative = asOf(from);
        Montant minimum = measure.apply(from, cumulative);
        for (LocalDate point : points) {
            cumulative = cumulative.plus(perDate.getOrDefault(point, Totals.ZERO));
            minimum = minimum.min(measure.apply(point, cumulative));
        }
        return minimum;
    }

    Montant headroomFrom(LocalDate from, Function<Totals, Montant> measure) {
        return headroomFrom(from, new TreeSet<>(), (date, totals) -> measure.apply(totals));
    }

    /** The first date at which {@code measure} reaches {@code level}, if it does. */
    Optional<LocalDate> firstDateReaching(Function<Totals, Montant> measure, Montant level) {
        Totals cumulative = Totals.ZERO;
        for (Map.Entry<LocalDate, Totals> entry : perDate.entrySet()) {
            cumulative = cumulative.plus(entry.getValue());
            if (measure.apply(cumulative).isAtLeast(level)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }
}
