package fr.dinum.ledger.projections.funds;

import fr.dinum.ledger.domain.convention.Balance;
import fr.dinum.ledger.domain.convention.ConventionStatus;
import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.projections.ledger.LedgerQueries;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ConventionRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The views of a fonds de concours and of a programme: totals, by convention and by exercice. */
@Component
public class FundQueries {

    private final JdbcClient jdbc;
    private final LedgerQueries ledger;

    FundQueries(JdbcClient jdbc, LedgerQueries ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    public record ConventionLine(String conventionId, String title, String contributor, String fundCode,
                                 ConventionStatus status, Balance balance) {
    }

    public record FundView(String fundCode, String programme, String bop, LocalDate asOf, BalanceSums totals,
                           List<ConventionLine> conventions, List<ExerciceLine> exercices) {
    }

    public record FundTotals(String fundCode, String bop, BalanceSums totals) {
    }

    public record ProgrammeView(String programme, LocalDate asOf, BalanceSums totals, List<FundTotals> funds,
                                List<ConventionLine> conventions, List<ExerciceLine> exercices) {
    }

    public Optional<FundView> fund(String fundCode, LocalDate asOf) {
        List<ConventionLine> lines = lines(ledger.conventions(asOf, fundCode, null, null));
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        ConventionRecord first = ledger.convention(lines.get(0).conventionId()).orElseThrow();
        return Optional.of(new FundView(fundCode, first.terms().fund().programme(), first.terms().fund().bop(), asOf,
                sums(lines), lines, exercices("c.fund_code = :key", fundCode, asOf)));
    }

    public Optional<ProgrammeView> programme(String programme, LocalDate asOf) {
        List<Map.Entry<ConventionRecord, Balance>> entries = ledger.conventions(asOf, null, programme, null);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Map.Entry<ConventionRecord, Balance>>> byFund = entries.stream()
                .collect(Collectors.groupingBy(e -> e.getKey().terms().fund().fundCode(), TreeMap::new,
                        Collectors.toList()));
        List<FundTotals> funds = byFund.entrySet().stream()
                .map(f -> new FundTotals(f.getKey(), f.getValue().get(0).getKey().terms().fund().bop(),
                        BalanceSums.of(f.getValue().stream().map(Map.Entry::getValue).toList())))
                .toList();
        List<ConventionLine> lines = lines(entries);
        return Optional.of(new ProgrammeView(programme, asOf, sums(lines), funds, lines,
                exercices("c.programme = :key", programme, asOf)));
    }

    private static List<ConventionLine> lines(List<Map.Entry<ConventionRecord, Balance>> entries) {
        return entries.stream()
                .map(e -> new ConventionLine(e.getKey().terms().conventionId(), e.getKey().terms().title(),
                        e.getKey().terms().contributor().name(),
                        e.getKey().terms().fund() == null ? null : e.getKey().terms().fund().fundCode(),
                        e.getValue().status(), e.getValue()))
                .toList();
    }

    private static BalanceSums sums(List<ConventionLine> lines) {
        return BalanceSums.of(lines.stream().map(ConventionLine::balance).toList());
    }

    private List<ExerciceLine> exercices(String filter, String key, LocalDate asOf) {
        Map<Integer, Totals> byYear = new TreeMap<>();
        jdbc.sql("select cast(extract(year from m.business_date) as integer) as exercice, " + LedgerQueries.SUMS
                        + " from ledger_movement m join convention_view c on c.convention_id = m.convention_id"
                        + " where " + filter + " and m.business_date <= :asOf group by 1 order by 1")
                .param("key", key).param("asOf", asOf)
                .query(rs -> {
                    byYear.put(rs.getInt("exercice"), LedgerQueries.totals(rs));
                });
        return ExerciceLine.of(byYear, asOf.getYear());
    }
}
