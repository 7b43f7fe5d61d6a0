package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.values.Montant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The credits of one exercice (calendar year), for a convention, a fund or a programme, as a budget
 * controller writes them: carried in at 1 January, opened, consumed, cancelled, and carried over at
 * 31 December to the next exercice on the same programme (report, LOLF art. 17):
 * <pre>carriedOver = carriedIn + opened − consumed − cancelled</pre>
 * in AE and in CP. Consumed is net AE (committed − released) and CP paid on the convention's
 * credits, nothing else; a restitution is a cancellation; a reimbursement's expenses are
 * pre-financed on the programme's own credits and shown apart, so that
 * {@code aeCommitted − aeReleased = aeConsumed + aePrefinanced} and {@code cpPaid = cpConsumed + cpPrefinanced}.
 * Each term comes from {@link Funding} (carried in and over are its credits remaining at the two
 * ends of the year); the rules keep the credits remaining non-negative at every date, so a
 * carry-over is never negative.
 */
public record ExerciceLine(int exercice, Montant received,
                           Montant aeCarriedIn, Montant aeOpened, Montant aeCommitted, Montant aeReleased,
                           Montant aeConsumed, Montant aePrefinanced, Montant aeCancelled, Montant aeCarriedOver,
                           Montant cpCarriedIn, Montant cpOpened, Montant cpPaid, Montant cpConsumed,
                           Montant cpPrefinanced, Montant cpCancelled, Montant cpCarriedOver, Montant restituted) {

    /**
     * The line of one year for one convention, from its totals at the end of the previous year and
     * at the end of this one. Each flow is the change of the cumulative figure over the year, so
     * the line agrees with the balances at both ends whatever the order of the facts within it.
     */
    public static ExerciceLine of(int exercice, Funding funding, Totals atStart, Totals atEnd) {
        Totals year = atEnd.minus(atStart);
        Montant cancelled = funding.creditsCancelled(atEnd).minus(funding.creditsCancelled(atStart));
        return new ExerciceLine(exercice, year.received(),
                funding.creditsRemainingAe(atStart),
                funding.creditsOpenedAe(atEnd).minus(funding.creditsOpenedAe(atStart)),
                year.aeCommitted(), year.aeReleased(),
                funding.creditsConsumedAe(atEnd).minus(funding.creditsConsumedAe(atStart)),
                funding.prefinancedAe(atEnd).minus(funding.prefinancedAe(atStart)),
                cancelled, funding.creditsRemainingAe(atEnd),
                funding.creditsRemainingCp(atStart),
                funding.creditsOpenedCp(atEnd).minus(funding.creditsOpenedCp(atStart)), year.cpPaid(),
                funding.creditsConsumedCp(atEnd).minus(funding.creditsConsumedCp(atStart)),
                funding.prefinancedCp(atEnd).minus(funding.prefinancedCp(atStart)),
                cancelled, funding.creditsRemainingCp(atEnd), year.restituted());
    }

    /**
     * One line per year from {@code firstYear} to {@code lastYear} for one convention, years without
     * movements included, each carrying in what the previous one carried over.
     *
     * @param byYear the sums of the movements of each year (not cumulative)
     */
    public static List<ExerciceLine> chain(Funding funding, Map<Integer, Totals> byYear, int firstYear, int lastYear) {
        List<ExerciceLine> lines = new ArrayList<>();
        Totals cumulative = Totals.ZERO;
        for (Map.Entry<Integer, Totals> year : byYear.entrySet()) {
            if (year.getKey() < firstYear) {
                cumulative = cumulative.plus(year.getValue());
            }
        }
        for (int year = firstYear; year <= lastYear; year++) {
            Totals atEnd = cumulative.plus(byYear.getOrDefault(year, Totals.ZERO));
            lines.add(of(year, funding, cumulative, atEnd));
            cumulative = atEnd;
        }
        return lines;
    }

    /** The lines of several conventions added up year by year (each list covering the same years). */
    public static List<ExerciceLine> sum(List<List<ExerciceLine>> perConvention) {
        List<ExerciceLine> sum = new ArrayList<>();
        for (List<ExerciceLine> lines : perConvention) {
            for (int i = 0; i < lines.size(); i++) {
                if (i < sum.size()) {
                    sum.set(i, sum.get(i).plus(lines.get(i)));
                } else {
                    sum.add(lines.get(i));
                }
            }
        }
        return sum;
    }

    /** Two lines of the same exercice added up: every column is a sum, so the formula still holds. */
    public ExerciceLine plus(ExerciceLine other) {
        if (other.exercice != exercice) {
            throw new IllegalArgumentException("exercice " + other.exercice + " added to exercice " + exercice);
        }
        return new ExerciceLine(exercice, received.plus(other.received),
                aeCarriedIn.plus(other.aeCarriedIn), aeOpened.plus(other.aeOpened),
                aeCommitted.plus(other.aeCommitted), aeReleased.plus(other.aeReleased),
                aeConsumed.plus(other.aeConsumed), aePrefinanced.plus(other.aePrefinanced),
                aeCancelled.plus(other.aeCancelled), aeCarriedOver.plus(other.aeCarriedOver),
                cpCarriedIn.plus(other.cpCarriedIn), cpOpened.plus(other.cpOpened), cpPaid.plus(other.cpPaid),
                cpConsumed.plus(other.cpConsumed), cpPrefinanced.plus(other.cpPrefinanced),
                cpCancelled.plus(other.cpCancelled), cpCarriedOver.plus(other.cpCarriedOver),
                restituted.plus(other.restituted));
    }
}
