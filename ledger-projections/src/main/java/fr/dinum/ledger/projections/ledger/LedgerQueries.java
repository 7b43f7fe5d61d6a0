package fr.dinum.ledger.projections.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.domain.convention.Balance;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.ConventionStatus;
import fr.dinum.ledger.domain.convention.Funding;
import fr.dinum.ledger.domain.convention.Terms.Schedule;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.convention.Totals;
import com.fasterxml.jackson.core.type.TypeReference;
import fr.dinum.ledger.domain.values.Montant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fr.dinum.ledger.projections.ledger.LedgerProjection.montant;

/**
 * Reads the ledger's read models. Every figure is a sum of movements dated on or before the asked
 * date, turned into a balance by the domain's own formulas ({@link Balance#of}).
 */
@Component
public class LedgerQueries {

    /** The sums of the eight movement columns, in the order {@link #totals(ResultSet)} reads them. */
    public static final String SUMS = """
            coalesce(sum(m.received), 0) as received, coalesce(sum(m.ae_opened), 0) as ae_opened,
            coalesce(sum(m.cp_opened), 0) as cp_opened, coalesce(sum(m.ae_committed), 0) as ae_committed,
            coalesce(sum(m.ae_released), 0) as ae_released, coalesce(sum(m.cp_paid), 0) as cp_paid,
            coalesce(sum(m.restituted), 0) as restituted, coalesce(sum(m.overpaid), 0) as overpaid""";

    private static final TypeReference<List<Tranche>> TRANCHES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    LedgerQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The schedule (amount, end date, tranches) in force from a date: the signature's or an avenant's. */
    public record DatedSchedule(LocalDate effectiveOn, Schedule schedule) {
    }

    /** A convention as signed, its schedules over time, and the dates that decide its status. */
    public record ConventionRecord(ConventionSigned terms, List<DatedSchedule> schedules, LocalDate terminatedOn,
                                   LocalDate closedOn, LocalDate settledOn) {

        public ConventionStatus statusAsOf(LocalDate asOf) {
            if (settledOn != null && !settledOn.isAfter(asOf)) {
                return ConventionStatus.SETTLED;
            }
            if (closedOn != null && !closedOn.isAfter(asOf)) {
                return ConventionStatus.CLOSED;
            }
            if (terminatedOn != null && !terminatedOn.isAfter(asOf)) {
                return ConventionStatus.TERMINATED;
            }
            return ConventionStatus.ACTIVE;
        }

        /** The schedule in force at a date: the last one dated on or before it (the signature's before that). */
        public Schedule scheduleAsOf(LocalDate asOf) {
            Schedule current = new Schedule(terms.amount(), terms.endsOn(), terms.tranches());
            for (DatedSchedule dated : schedules) {
                if (!dated.effectiveOn().isAfter(asOf)) {
                    current = dated.schedule();
                }
            }
            return current;
        }

        public Funding fundingAsOf(LocalDate asOf) {
            return new Funding(terms.fundingMode(), terms.fund() != null, scheduleAsOf(asOf).amount());
        }

        public Balance balance(LocalDate asOf, Totals totals) {
            return Balance.of(terms.conventionId(), asOf, statusAsOf(asOf), fundingAsOf(asOf),
                    scheduleAsOf(asOf).tranches(), totals);
        }
    }

    /** A threshold reached, and the appel de fonds of a tranche, as the history recorded them. */
    public record ThresholdReached(int trancheNumber, Montant threshold, String basis, Montant consumed,
                                   LocalDate reachedOn) {
    }

    public record FundCall(String callId, int trancheNumber, Montant amount, LocalDate calledOn, Montant consumed,
                           int paymentCount, Montant totalPaid, Integer erdaNumber) {
    }

    /** One engagement juridique with its figures as of a date. */
    public record CommitmentLine(String ejNumber, String supplierName, String supplierSiret, String object,
                                 String marche, LocalDate committedOn, Montant committed, Montant released,
                                 Montant net, Montant paid, Montant remaining) {
    }

    public Optional<ConventionRecord> convention(String conventionId) {
        Map<String, List<DatedSchedule>> schedules = schedules(conventionId);
        return jdbc.sql("select terms, terminated_on, closed_on, settled_on from convention_view where convention_id = :id")
                .param("id", conventionId)
                .query((rs, n) -> record(rs, schedules))
                .optional();
    }

    public List<ThresholdReached> thresholdsReached(String conventionId) {
        return jdbc.sql("""
                        select tranche_number, threshold, basis, consumed, reached_on from threshold_reached
                        where convention_id = :id order by tranche_number""")
                .param("id", conventionId)
                .query((rs, n) -> new ThresholdReached(rs.getInt("tranche_number"), montant(rs.getBigDecimal("threshold")),
                        rs.getString("basis"), montant(rs.getBigDecimal("consumed")),
                        rs.getObject("reached_on", LocalDate.class)))
                .list();
    }

    public List<FundCall> fundCalls(String conventionId) {
        return jdbc.sql("""
                        select call_id, tranche_number, amount, called_on, consumed, payment_count, total_paid,
                               erda_number
                        from fund_call where convention_id = :id order by called_on, tranche_number""")
                .param("id", conventionId)
                .query((rs, n) -> new FundCall(rs.getString("call_id"), rs.getInt("tranche_number"),
                        montant(rs.getBigDecimal("amount")), rs.getObject("called_on", LocalDate.class),
                        montant(rs.getBigDecimal("consumed")), rs.getInt("payment_count"),
                        montant(rs.getBigDecimal("total_paid")), (Integer) rs.getObject("erda_number")))
                .list();
    }

    /** The thresholds reached of every convention, by convention (for the metrics). */
    public Map<String, List<ThresholdReached>> allThresholdsReached() {
        Map<String, List<ThresholdReached>> all = new HashMap<>();
        jdbc.sql("select convention_id, tranche_number, threshold, basis, consumed, reached_on from threshold_reached")
                .query(rs -> {
                    all.computeIfAbsent(rs.getString("convention_id"), k -> new ArrayList<>()).add(new ThresholdReached(
                            rs.getInt("tranche_number"), montant(rs.getBigDecimal("threshold")), rs.getString("basis"),
                            montant(rs.getBigDecimal("consumed")), rs.getObject("reached_on", LocalDate.class)));
                });
        return all;
    }

    /** The tranche numbers called, by convention (for the metrics). */
    public Map<String, List<Integer>> allCalledTranches() {
        Map<String, List<Integer>> all = new HashMap<>();
        jdbc.sql("select convention_id, tranche_number from fund_call")
                .query(rs -> {
                    all.computeIfAbsent(rs.getString("convention_id"), k -> new ArrayList<>()).add(rs.getInt("tranche_number"));
                });
        return all;
    }

    /** Every schedule of one convention, or of all of them when {@code conventionId} is null. */
    private Map<String, List<DatedSchedule>> schedules(String conventionId) {
        Map<String, List<DatedSchedule>> schedules = new HashMap<>();
        jdbc.sql("""
                        select convention_id, effective_on, amount, ends_on, tranches from convention_schedule
                        where cast(:id as varchar) is null or convention_id = :id
                        order by convention_id, sequence_number""")
                .param("id", conventionId)
                .query(rs -> {
                    try {
                        List<Tranche> tranches = json.readValue(rs.getString("tranches"), TRANCHES);
                        Schedule schedule = new Schedule(montant(rs.getBigDecimal("amount")),
                                rs.getObject("ends_on", LocalDate.class), tranches);
                        schedules.computeIfAbsent(rs.getString("convention_id"), k -> new ArrayList<>())
                                .add(new DatedSchedule(rs.getObject("effective_on", LocalDate.class), schedule));
                    } catch (JsonProcessingException e) {
                        throw new UncheckedIOException("Unreadable schedule in convention_schedule: the projection needs a replay", e);
                    }
                });
        return schedules;
    }

    public Optional<Balance> balance(String conventionId, LocalDate asOf) {
        return convention(conventionId).map(c -> c.balance(asOf, totals(conventionId, asOf)));
    }

    public Totals totals(String conventionId, LocalDate asOf) {
        return jdbc.sql("select " + SUMS + " from ledger_movement m where m.convention_id = :id and m.business_date <= :asOf")
                .param("id", conventionId).param("asOf", asOf)
                .query((rs, n) -> totals(rs))
                .single();
    }

    /**
     * Every convention signed on or before a date, with its balance at that date, filtered on the
     * fund, the programme and the contributor's name.
     */
    public List<Map.Entry<ConventionRecord, Balance>> conventions(LocalDate asOf, String fundCode, String programme,
                                                                   String contributor) {
        Map<String, Totals> totalsById = new HashMap<>();
        jdbc.sql("select m.convention_id, " + SUMS + " from ledger_movement m where m.business_date <= :asOf group by m.convention_id")
                .param("asOf", asOf)
                .query(rs -> {
                    totalsById.put(rs.getString("convention_id"), totals(rs));
                });
        Map<String, List<DatedSchedule>> schedules = schedules(null);
        List<ConventionRecord> records = jdbc.sql("""
                        select terms, terminated_on, closed_on, settled_on from convention_view
                        where signed_on <= :asOf
                          and (cast(:fund as varchar) is null or fund_code = :fund)
                          and (cast(:programme as varchar) is null or programme = :programme)
                          and (cast(:contributor as varchar) is null
                               or lower(contributor_name) like '%' || lower(cast(:contributor as varchar)) || '%' escape '\\')
                        order by convention_id""")
                .param("asOf", asOf).param("fund", fundCode).param("programme", programme)
                .param("contributor", contributor == null ? null : likeLiteral(contributor))
                .query((rs, n) -> record(rs, schedules))
                .list();
        List<Map.Entry<ConventionRecord, Balance>> result = new ArrayList<>();
        for (ConventionRecord record : records) {
            Totals totals = totalsById.getOrDefault(record.terms().conventionId(), Totals.ZERO);
            result.add(Map.entry(record, record.balance(asOf, totals)));
        }
        return result;
    }

    /**
     * The sums of the movements of each of {@code conventionIds} by exercice (the calendar year of
     * their business date), for the movements dated on or before {@code asOf}.
     */
    public Map<String, Map<Integer, Totals>> totalsByExercice(List<String> conventionIds, LocalDate asOf) {
        Map<String, Map<Integer, Totals>> byConvention = new HashMap<>();
        if (conventionIds.isEmpty()) {
            return byConvention;
        }
        jdbc.sql("select m.convention_id, cast(extract(year from m.business_date) as integer) as exercice, " + SUMS
                        + " from ledger_movement m where m.convention_id in (:ids) and m.business_date <= :asOf"
                        + " group by 1, 2")
                .param("ids", conventionIds).param("asOf", asOf)
                .query(rs -> {
                    byConvention.computeIfAbsent(rs.getString("convention_id"), k -> new java.util.TreeMap<>())
                            .put(rs.getInt("exercice"), totals(rs));
                });
        return byConvention;
    }

    /**
     * The contributor filter is a piece of a name, not a pattern: '%' and '_' typed by a reader must
     * match themselves, or "%" would list every convention. The backslash is the escape character
     * named in the query, so it is escaped first.
     */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public List<CommitmentLine> commitments(String conventionId, LocalDate asOf) {
        return jdbc.sql("""
                        select c.ej_number, c.supplier_name, c.supplier_siret, c.object, c.marche, c.committed_on,
                               coalesce(sum(m.ae_committed), 0) as committed, coalesce(sum(m.ae_released), 0) as released,
                               coalesce(sum(m.cp_paid), 0) as paid
                        from commitment_view c
                        left join ledger_movement m on m.convention_id = c.convention_id and m.ej_number = c.ej_number
                             and m.business_date <= :asOf
                        where c.convention_id = :id and c.committed_on <= :asOf
                        group by c.ej_number, c.supplier_name, c.supplier_siret, c.object, c.marche, c.committed_on
                        order by c.committed_on, c.ej_number""")
                .param("id", conventionId).param("asOf", asOf)
                .query((rs, n) -> {
                    Montant committed = montant(rs.getBigDecimal("committed"));
                    Montant released = montant(rs.getBigDecimal("released"));
                    Montant paid = montant(rs.getBigDecimal("paid"));
                    Montant net = committed.minus(released);
                    return new CommitmentLine(rs.getString("ej_number"), rs.getString("supplier_name"),
                            rs.getString("supplier_siret"), rs.getString("object"), rs.getString("marche"),
                            rs.getObject("committed_on", LocalDate.class), committed, released, net, paid,
                            net.minus(paid));
                })
                .list();
    }

    public static Totals totals(ResultSet rs) throws SQLException {
        return new Totals(sum(rs, "received"), sum(rs, "ae_opened"), sum(rs, "cp_opened"), sum(rs, "ae_committed"),
                sum(rs, "ae_released"), sum(rs, "cp_paid"), sum(rs, "restituted"), sum(rs, "overpaid"));
    }

    private static Montant sum(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return montant(value);
    }

    private ConventionRecord record(ResultSet rs, Map<String, List<DatedSchedule>> schedules) throws SQLException {
        try {
            ConventionSigned terms = json.readValue(rs.getString("terms"), ConventionSigned.class);
            return new ConventionRecord(terms, schedules.getOrDefault(terms.conventionId(), List.of()),
                    toLocalDate(rs.getDate("terminated_on")), toLocalDate(rs.getDate("closed_on")),
                    toLocalDate(rs.getDate("settled_on")));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Unreadable terms in convention_view: the projection needs a replay", e);
        }
    }

    private static LocalDate toLocalDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
