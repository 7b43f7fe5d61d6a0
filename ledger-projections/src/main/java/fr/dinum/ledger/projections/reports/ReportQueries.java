package fr.dinum.ledger.projections.reports;

import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.ledger.LedgerQueries;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ConventionRecord;
import fr.dinum.ledger.projections.reports.CompteRendu.CoFunder;
import fr.dinum.ledger.projections.reports.CompteRendu.EjFigures;
import fr.dinum.ledger.projections.reports.CompteRendu.ExerciceFigures;
import fr.dinum.ledger.projections.reports.ErdaDocument.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;


/**
 * Builds the reports of a convention from the read models: the ERDA as of any date (live), an
 * issued ERDA rebuilt from the events recorded before it and checked against its hash, and the
 * compte-rendu de gestion for the term or one exercice.
 */
@Component
public class ReportQueries {

    private static final Logger LOG = LoggerFactory.getLogger(ReportQueries.class);

    private final JdbcClient jdbc;
    private final LedgerQueries ledger;

    ReportQueries(JdbcClient jdbc, LedgerQueries ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** An issued ERDA whose rebuilt content no longer matches its hash: the read models need a replay. */
    public static class ErdaIntegrityException extends IllegalStateException {
        ErdaIntegrityException(String message) {
            super(message);
        }
    }

    /** The issued ERDAs of a convention, without their lines. */
    public record IssuedErda(int number, LocalDate asOf, boolean finalErda, LocalDate issuedOn, int paymentCount,
                             Montant totalPaid, Montant received, String sha256, List<Signature> signatures) {
    }

    /** The ERDA of a date, computed now from every recorded fact: not frozen, without a number. */
    public Optional<ErdaDocument> liveErda(String conventionId, LocalDate asOf) {
        return ledger.convention(conventionId)
                .map(record -> ErdaDocument.live(content(record, asOf, false, Long.MAX_VALUE)));
    }

    public List<IssuedErda> issuedErdas(String conventionId) {
        return jdbc.sql("""
                        select number, as_of, final, issued_on, payment_count, total_paid, received, sha256
                        from erda_issued where convention_id = :id order by number""")
                .param("id", conventionId)
                .query((rs, n) -> new IssuedErda(rs.getInt("number"), rs.getObject("as_of", LocalDate.class),
                        rs.getBoolean("final"), rs.getObject("issued_on", LocalDate.class), rs.getInt("payment_count"),
                        Montant.of(rs.getBigDecimal("total_paid")), Montant.of(rs.getBigDecimal("received")),
                        rs.getString("sha256"), List.of()))
                .list().stream()
                .map(e -> new IssuedErda(e.number(), e.asOf(), e.finalErda(), e.issuedOn(), e.paymentCount(),
                        e.totalPaid(), e.received(), e.sha256(), signatures(conventionId, e.number())))
                .toList();
    }

    /**
     * An issued ERDA, as it was issued: the payments recorded before its issue and dated on or before
     * its date. The rebuilt content must hash to the recorded SHA-256, or nothing is answered.
     */
    public Optional<ErdaDocument> issuedErda(String conventionId, int number) {
        Optional<ConventionRecord> record = ledger.convention(conventionId);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select sequence_number, as_of, final, issued_on, sha256 from erda_issued
                        where convention_id = :id and number = :number""")
                .param("id", conventionId).param("number", number)
                .query((rs, n) -> {
                    ErdaContent content = content(record.get(), rs.getObject("as_of", LocalDate.class),
                            rs.getBoolean("final"), rs.getLong("sequence_number"));
                    String recorded = rs.getString("sha256");
                    if (!content.sha256().equals(recorded)) {
                        LOG.error("ERDA {} of {} rebuilt with hash {} instead of {}: replay the projections",
                                number, conventionId, content.sha256(), recorded);
                        throw new ErdaIntegrityException("ERDA " + number + " of " + conventionId
                                + " cannot be rebuilt as issued");
                    }
                    return new ErdaDocument(content, number, recorded, rs.getObject("issued_on", LocalDate.class),
                            signatures(conventionId, number));
                })
                .optional();
    }

    private List<Signature> signatures(String conventionId, int number) {
        return jdbc.sql("""
                        select role, signer, signed_on from erda_signature
                        where convention_id = :id and number = :number order by role desc""")
                .param("id", conventionId).param("number", number)
                .query((rs, n) -> new Signature(rs.getString("role"), rs.getString("signer"),
                        rs.getObject("signed_on", LocalDate.class)))
                .list();
    }

    /**
     * The content of the ERDA of {@code asOf} from the facts recorded before {@code beforeSequence}.
     * Lines and totals are computed as the aggregate computes them (same order, same running
     * total), so that the hash of an issued ERDA can be checked.
     */
    ErdaContent content(ConventionRecord record, LocalDate asOf, boolean finalErda, long beforeSequence) {
        ConventionSigned terms = record.terms();
        String id = terms.conventionId();
        List<ErdaContent.Line> lines = new ArrayList<>();
        Montant[] cumulative = {Montant.ZERO};
        jdbc.sql("""
                        select p.dp_number, p.ej_number, p.amount, p.service_fait_on, p.paid_on, c.supplier_name,
                               c.supplier_siret, c.object, c.committed_on, c.amount as ae_amount
                        from payment_view p
                        join commitment_view c on c.convention_id = p.convention_id and c.ej_number = p.ej_number
                        where p.convention_id = :id and p.paid_on <= :asOf and p.sequence_number < :before
                        order by p.paid_on, p.dp_number""")
                .param("id", id).param("asOf", asOf).param("before", beforeSequence)
                .query(rs -> {
                    Montant amount = Montant.of(rs.getBigDecimal("amount"));
                    cumulative[0] = cumulative[0].plus(amount);
                    LocalDate paidOn = rs.getObject("paid_on", LocalDate.class);
                    lines.add(new ErdaContent.Line(paidOn.getYear(), rs.getString("ej_number"),
                            rs.getString("supplier_name"), rs.getString("supplier_siret"), rs.getString("object"),
                            rs.getObject("committed_on", LocalDate.class), Montant.of(rs.getBigDecimal("ae_amount")),
                            rs.getString("dp_number"), rs.getObject("service_fait_on", LocalDate.class), paidOn, amount,
                            cumulative[0]));
                });
        Totals totals = jdbc.sql("select " + LedgerQueries.SUMS + """
                         from ledger_movement m
                        where m.convention_id = :id and m.business_date <= :asOf and m.sequence_number < :before""")
                .param("id", id).param("asOf", asOf).param("before", beforeSequence)
                .query((rs, n) -> LedgerQueries.totals(rs))
                .single();
        LocalDate periodEnd = jdbc.sql("""
                        select ends_on from convention_schedule
                        where convention_id = :id and sequence_number < :before
                        order by sequence_number desc limit 1""")
                .param("id", id).param("before", beforeSequence)
                .query((rs, n) -> rs.getObject("ends_on", LocalDate.class))
                .optional().orElse(terms.endsOn());
        return new ErdaContent(id, terms.title(), terms.contributor().name(),
                terms.contributor().siren() == null ? null : terms.contributor().siren().toString(), terms.beneficiary(),
                terms.fund() == null ? null : terms.fund().fundCode(), terms.fund() == null ? null : terms.fund().programme(),
                terms.fund() == null ? null : terms.fund().bop(), terms.periodStart(), periodEnd, asOf, finalErda, lines,
                totals.aeNet(), cumulative[0], totals.received(), totals.restituted(),
                totals.received().minus(cumulative[0]).minus(totals.restituted()));
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
