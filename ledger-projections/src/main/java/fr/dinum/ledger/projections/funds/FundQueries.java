package fr.dinum.ledger.projections.funds;

import fr.dinum.ledger.domain.convention.Balance;
import fr.dinum.ledger.domain.convention.ConventionStatus;
import fr.dinum.ledger.domain.convention.Credits;
import fr.dinum.ledger.domain.convention.ExerciceLine;
import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.projections.ledger.LedgerQueries;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ConventionRecord;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The views of a fonds de concours and of a programme: the balances of their conventions added
 * up, and their credits by exercice (carried in, opened, consumed, cancelled, carried over), each
 * convention's line computed by the domain's {@link ExerciceLine} and the lines added up.
 */
@Component
public class FundQueries {

    private final LedgerQueries ledger;

    FundQueries(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    public record ConventionLine(String conventionId, String title, String contributor, String fundCode,
                                 ConventionStatus status, Balance balance) {
    }

    /**
     * @param totals    the balances of the conventions added up
     * @param credits   the fund's credits from its first movement to {@code asOf}: the exercice lines
     *                  added up, carried over = what is still opened at {@code asOf}
     * @param exercices one line per exercice up to the year of {@code asOf}
     */
    public record FundView(String fundCode, String programme, String bop, LocalDate asOf, BalanceSums totals,
                           Credits credits, List<ConventionLine> conventions, List<ExerciceLine> exercices) {
    }

    public record FundTotals(String fundCode, String bop, BalanceSums totals, Credits credits) {
    }

    public record ProgrammeView(String programme, LocalDate asOf, BalanceSums totals, Credits credits,
                                List<FundTotals> funds, List<ConventionLine> conventions,
                                List<ExerciceLine> exercices) {
    }

    public Optional<FundView> fund(String fundCode, LocalDate asOf) {
        List<Map.Entry<ConventionRecord, Balance>> entries = ledger.conventions(asOf, fundCode, null, null);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        var fund = entries.get(0).getKey().terms().fund();
        List<ExerciceLine> exercices = exercices(entries, asOf);
        return Optional.of(new FundView(fundCode, fund.programme(), fund.bop(), asOf, sums(entries),
                Credits.over(exercices), lines(entries), exercices));
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
                        sums(f.getValue()), Credits.over(exercices(f.getValue(), asOf))))
                .toList();
        List<ExerciceLine> exercices = exercices(entries, asOf);
        return Optional.of(new ProgrammeView(programme, asOf, sums(entries), Credits.over(exercices), funds,
                lines(entries), exercices));
    }

    private static List<ConventionLine> lines(List<Map.Entry<ConventionRecord, Balance>> entries) {
        return entries.stream()
                .map(e -> new ConventionLine(e.getKey().terms().conventionId(), e.getKey().terms().title(),
                        e.getKey().terms().contributor().name(),
                        e.getKey().terms().fund() == null ? null : e.getKey().terms().fund().fundCode(),
                        e.getValue().status(), e.getValue()))
                .toList();
    }

    private static BalanceSums sums(List<Map.Entry<ConventionRecord, Balance>> entries) {
        return BalanceSums.of(entries.stream().map(Map.Entry::getValue).toList());
    }

    /**
     * Each convention's credits by exercice, from the first year any of them moved to the year of
     * {@code asOf}, with the convention's own funding (an advance consumes its credits, a
     * reimbursement pre-finances), added up year by year.
     */
    private List<ExerciceLine> exercices(List<Map.Entry<ConventionRecord, Balance>> entries, LocalDate asOf) {
        Map<String, Map<Integer, Totals>> byConvention = ledger.totalsByExercice(
                entries.stream().map(e -> e.getKey().terms().conventionId()).toList(), asOf);
        int firstYear = byConvention.values().stream().flatMap(m -> m.keySet().stream())
                .min(Integer::compare).orElse(asOf.getYear());
        List<List<ExerciceLine>> perConvention = new ArrayList<>();
        for (Map.Entry<ConventionRecord, Balance> entry : entries) {
            ConventionRecord record = entry.getKey();
            perConvention.add(ExerciceLine.chain(record.fundingAsOf(asOf),
                    byConvention.getOrDefault(record.terms().conventionId(), Map.of()), firstYear, asOf.getYear()));
        }
        return ExerciceLine.sum(perConvention);
    }
}
