package fr.dinum.ledger.projections.reports;

import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.ledger.LedgerQueries;
import fr.dinum.ledger.projections.reports.CompteRendu.CoFunder;
import fr.dinum.ledger.projections.reports.CompteRendu.EjFigures;
import fr.dinum.ledger.projections.reports.CompteRendu.ExerciceFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
     * The compte-rendu de gestion: for the term (exercice null), every movement up to {@code today};
     * for one exercice, the movements of that calendar year. Flows are those of the period; restes
     * à payer and the balance (received − CP paid − restituted) are those at its last day.
     */
    public Optional<CompteRendu> compteRendu(String conventionId, Integer exercice, LocalDate today) {
        return ledger.convention(conventionId).map(record -> {
            ConventionSigned terms = record.terms();
            LocalDate from = exercice == null ? terms.periodStart() : LocalDate.of(exercice, 1, 1);
            LocalDate to = exercice == null ? today : LocalDate.of(exercice, 12, 31);
            List<ExerciceFigures> byExercice = new ArrayList<>();
            jdbc.sql("select cast(extract(year from m.business_date) as integer) as exercice, " + LedgerQueries.SUMS
                            + " from ledger_movement m where m.convention_id = :id"
                            + " and m.business_date >= :from and m.business_date <= :to group by 1 order by 1")
                    .param("id", conventionId).param("from", from).param("to", to)
                    .query(rs -> {
                        Totals t = LedgerQueries.totals(rs);
                        byExercice.add(new ExerciceFigures(rs.getInt("exercice"), t.received(), t.aeOpened(),
                                t.cpOpened(), t.aeCommitted(), t.aeReleased(), t.aeNet(), t.cpPaid()));
                    });
            List<EjFigures> byEj = jdbc.sql("""
                            select c.ej_number, c.supplier_name, c.supplier_siret, c.object, c.committed_on,
                                   coalesce(sum(m.ae_committed), 0) as ae_committed,
                                   coalesce(sum(m.ae_released), 0) as ae_released, coalesce(sum(m.cp_paid), 0) as cp_paid
                            from commitment_view c
                            join ledger_movement m on m.convention_id = c.convention_id and m.ej_number = c.ej_number
                            where c.convention_id = :id and m.business_date >= :from and m.business_date <= :to
                            group by c.ej_number, c.supplier_name, c.supplier_siret, c.object, c.committed_on
                            order by c.committed_on, c.ej_number""")
                    .param("id", conventionId).param("from", from).param("to", to)
                    .query((rs, n) -> {
                        Montant committed = Montant.of(rs.getBigDecimal("ae_committed"));
                        Montant released = Montant.of(rs.getBigDecimal("ae_released"));
                        Montant paid = Montant.of(rs.getBigDecimal("cp_paid"));
                        Montant net = committed.minus(released);
                        return new EjFigures(rs.getString("ej_number"), rs.getString("supplier_name"),
                                rs.getString("supplier_siret"), rs.getString("object"),
                                rs.getObject("committed_on", LocalDate.class), committed, released, net, paid,
                                net.minus(paid));
                    })
                    .list();
            Totals period = sum(byExercice);
            Montant restituted = Montant.of(jdbc.sql("""
                            select coalesce(sum(restituted), 0) from ledger_movement
                            where convention_id = :id and business_date >= :from and business_date <= :to""")
                    .param("id", conventionId).param("from", from).param("to", to)
                    .query(java.math.BigDecimal.class).single());
            Totals atEnd = ledger.totals(conventionId, to);
            List<CoFunder> coFunders = terms.coFinancing().stream().map(c -> new CoFunder(c.funder(), c.amount())).toList();
            return new CompteRendu(conventionId, terms.title(), terms.contributor().name(), terms.beneficiary(),
                    terms.fund() == null ? null : terms.fund().fundCode(),
                    terms.fund() == null ? null : terms.fund().programme(), terms.fund() == null ? null : terms.fund().bop(),
                    record.scheduleAsOf(to).amount(), exercice, from, to, period.received(), period.aeOpened(),
                    period.cpOpened(), byExercice, byEj, period.aeCommitted(), period.aeReleased(), period.aeNet(),
                    period.cpPaid(), atEnd.restesAPayer(), restituted,
                    atEnd.received().minus(atEnd.cpPaid()).minus(atEnd.restituted()), coFunders);
        });
    }

    private static Totals sum(List<ExerciceFigures> years) {
        Totals sum = Totals.ZERO;
        for (ExerciceFigures y : years) {
            sum = sum.plus(new Totals(y.received(), y.creditsOpenedAe(), y.creditsOpenedCp(), y.aeCommitted(),
                    y.aeReleased(), y.cpPaid(), Montant.ZERO));
        }
        return sum;
    }
}
