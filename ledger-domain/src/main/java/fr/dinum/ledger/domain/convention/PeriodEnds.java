package fr.dinum.ledger.domain.convention;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The end of a convention's period as the signature and each avenant set it, from their dates on.
 * A fact must lie within the period at every date from its own date on: within the end in force
 * on the day it happened (an avenant signed later does not bring a lapsed convention back for
 * what was done while it had lapsed), and within the end of every later avenant (an avenant
 * cannot end the period before a fact already inside it, see PERIOD_INVALID). Facts are keyed out
 * of order, so both halves are needed for the answer not to depend on the order of keying.
 */
final class PeriodEnds {

    /** The end in force from each date, empty when that schedule has no end; a later one the same day wins. */
    private final TreeMap<LocalDate, Optional<LocalDate>> endsFrom = new TreeMap<>();

    void from(LocalDate signedOn, LocalDate endsOn) {
        endsFrom.put(signedOn, Optional.ofNullable(endsOn));
    }

    /**
     * The last date a fact dated {@code date} may bear: the earliest end among the schedule in force
     * at that date and every schedule in force from a later date. Empty when none of them has an end.
     */
    Optional<LocalDate> latestFor(LocalDate date) {
        Map.Entry<LocalDate, Optional<LocalDate>> inForce = endsFrom.floorEntry(date);
        Stream<Optional<LocalDate>> atDate = inForce == null ? Stream.empty() : Stream.of(inForce.getValue());
        return Stream.concat(atDate, endsFrom.tailMap(date, false).values().stream())
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
    }
}
