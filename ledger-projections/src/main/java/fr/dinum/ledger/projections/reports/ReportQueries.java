package fr.dinum.ledger.projections.reports;

import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.Balance;
import fr.dinum.ledger.domain.convention.Credits;
import fr.dinum.ledger.domain.convention.ExerciceLine;
import fr.dinum.ledger.domain.convention.Funding;
import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.ledger.LedgerQueries;
import fr.dinum.ledger.projections.ledger.LedgerQueries.CommitmentLine;
import fr.dinum.ledger.projections.reports.CompteRendu.CoFunder;
import fr.dinum.ledger.projections.reports.CompteRendu.EjFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * Builds the compte-rendu de gestion of a convention from the read models, for the term or one
 * exercice. The ERDAs are {@link ErdaQueries}' job.
 */
@Component
public class ReportQueries {

    private final JdbcClient jdbc;
    private final LedgerQueries ledger;

    ReportQueries(JdbcClient jdbc, LedgerQueries ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /**
     * The compte-rendu de gestion (décret 2007-44 art. 6): for the term (exercice null), from the
     * signature to the closure, or to {@code today} while the convention is not closed; for one
     * exercice, 1 January to 31 December. Flows are the movements dated in the period; positions
     * are read at the day before it starts and at its last day; credits by exercice come from the
     * domain's {@link ExerciceLine}, with the convention's own funding.
     */
    public Optional<CompteRendu> compteRendu(String conventionId, Integer exercice, LocalDate today) {
        return ledger.convention(conventionId).map(record -> {
            ConventionSigned terms = record.terms();
            LocalDate closedOn = record.closedOn();
            LocalDate from = exercice == null ? terms.signedOn() : LocalDate.of(exercice, 1, 1);
            LocalDate to = exercice == null ? (closedOn != null && !closedOn.isAfter(today) ? closedOn : today)
                    : LocalDate.of(exercice, 12, 31);
            LocalDate dayBefore = from.minusDays(1);
            Totals atStart = ledger.totals(conventionId, dayBefore);
            Totals atEnd = ledger.totals(conventionId, to);
            Totals period = atEnd.minus(atStart);
            Funding funding = record.fundingAsOf(to);

            int firstYear = terms.signedOn().getYear();
            List<ExerciceLine> byExercice = ExerciceLine.chain(funding,
                            ledger.totalsByExercice(List.of(conventionId), to).getOrDefault(conventionId, Map.of()),
                            firstYear, Math.max(firstYear, to.getYear())).stream()
                    .filter(line -> line.exercice() >= from.getYear())
                    .toList();

            Map<String, CommitmentLine> ejsAtStart = new HashMap<>();
            ledger.commitments(conventionId, dayBefore).forEach(ej -> ejsAtStart.put(ej.ejNumber(), ej));
            List<EjFigures> byEj = new ArrayList<>();
            for (CommitmentLine ej : ledger.commitments(conventionId, to)) {
                CommitmentLine start = ejsAtStart.get(ej.ejNumber());
                Montant committed = ej.committed().minus(start == null ? Montant.ZERO : start.committed());
                Montant released = ej.released().minus(start == null ? Montant.ZERO : start.released());
                Montant paid = ej.paid().minus(start == null ? Montant.ZERO : start.paid());
                Montant remainingAtStart = start == null ? Montant.ZERO : start.remaining();
                boolean moved = !committed.isZero() || !released.isZero() || !paid.isZero();
                if (moved || remainingAtStart.isPositive()) {
                    byEj.add(new EjFigures(ej.ejNumber(), ej.supplierName(), ej.supplierSiret(), ej.object(),
                            ej.committedOn(), remainingAtStart, committed, released, committed.minus(released), paid,
                            ej.remaining()));
                }
            }
            Balance atEndBalance = record.balance(to, atEnd);
            return new CompteRendu(conventionId, terms.title(), terms.contributor().name(), terms.beneficiary(),
                    terms.fund() == null ? null : terms.fund().fundCode(),
                    terms.fund() == null ? null : terms.fund().programme(), terms.fund() == null ? null : terms.fund().bop(),
                    terms.fundingMode(), record.scheduleAsOf(to).amount(), exercice, from, to, period.received(),
                    period.overpaid(), Credits.over(byExercice), byExercice, byEj, period.aeCommitted(), period.aeReleased(),
                    period.aeNet(), period.cpPaid(), atStart.restesAPayer(), atEnd.restesAPayer(), period.restituted(),
                    atEndBalance.restitutionDue(), atEndBalance.contributionDue(),
                    atEnd.received().minus(atEnd.cpPaid()).minus(atEnd.restituted()),
                    funders(terms, period.cpPaid()));
        });
    }

    /**
     * The funders of a co-financed project: the contributor on the fund, then each co-funder, each
     * with its share of the total and its part of the period's expenses pro rata of its amount
     * (none when the convention names no co-funder).
     */
    private static List<CoFunder> funders(ConventionSigned terms, Montant cpPaid) {
        if (terms.coFinancing().isEmpty()) {
            return List.of();
        }
        Montant total = terms.amount().plus(Montant.sum(terms.coFinancing().stream().map(c -> c.amount()).toList()));
        List<CoFunder> funders = new ArrayList<>();
        funders.add(funder(terms.contributor().name(), true, terms.amount(), total, terms.amount(), cpPaid));
        terms.coFinancing().forEach(c -> funders.add(funder(c.funder(), false, c.amount(), total, terms.amount(), cpPaid)));
        return funders;
    }

    private static CoFunder funder(String name, boolean contributor, Montant amount, Montant total, Montant onFund,
                                   Montant cpPaid) {
        BigDecimal share = amount.value().divide(total.value(), 4, RoundingMode.HALF_UP);
        Montant expenses = Montant.of(cpPaid.value().multiply(amount.value())
                .divide(onFund.value(), 2, RoundingMode.HALF_UP));
        return new CoFunder(name, contributor, amount, share, expenses);
    }
}
