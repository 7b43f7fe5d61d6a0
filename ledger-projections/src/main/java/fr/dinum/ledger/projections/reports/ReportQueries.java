package fr.dinum.ledger.projections.reports;

import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.Balance;
import fr.dinum.ledger.domain.convention.Credits;
import fr.dinum.ledger.domain.convention.ExerciceLine;
import fr.dinum.ledger.domain.convention.Funding;
import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.ledger.LedgerQueries;
import fr.dinum.ledger.projections.ledger.LedgerQueries.CommitmentLine;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ConventionRecord;
import fr.dinum.ledger.projections.reports.CompteRendu.CoFunder;
import fr.dinum.ledger.projections.reports.CompteRendu.EjFigures;
import fr.dinum.ledger.projections.reports.ErdaDocument.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
