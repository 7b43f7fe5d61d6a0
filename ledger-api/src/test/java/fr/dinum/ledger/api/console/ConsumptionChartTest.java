package fr.dinum.ledger.api.console;

import fr.dinum.ledger.domain.convention.ConsumptionBasis;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.domain.convention.TrancheTrigger;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ThresholdReached;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumptionChartTest {

    private static Totals totals(String received, String cpPaid) {
        Montant zero = Montant.ZERO;
        return new Totals(Montant.of(received), zero, zero, zero, zero, Montant.of(cpPaid), zero, zero);
    }

    @Test
    void draws_each_series_each_threshold_and_each_threshold_reached_on_one_scale() {
        var points = List.of(
                new ConsumptionChart.Point(LocalDate.of(2020, 5, 11), totals("0.00", "0.00")),
                new ConsumptionChart.Point(LocalDate.of(2020, 6, 15), totals("800000.00", "0.00")),
                new ConsumptionChart.Point(LocalDate.of(2020, 12, 10), totals("800000.00", "600000.00")));
        var tranches = List.of(
                new Tranche(1, Montant.of("800000.00"), TrancheTrigger.ON_SIGNATURE, null, null),
                new Tranche(2, Montant.of("400000.00"), TrancheTrigger.ON_CONSUMPTION, Montant.of("600000.00"), ConsumptionBasis.CP),
                new Tranche(3, Montant.of("400000.00"), TrancheTrigger.ON_CONSUMPTION, Montant.of("1000000.00"), ConsumptionBasis.CP));
        var reached = List.of(new ThresholdReached(2, Montant.of("600000.00"), "CP", Montant.of("600000.00"),
                LocalDate.of(2020, 12, 10)));

        String svg = ConsumptionChart.svg("Consommation", points, tranches, reached, Montant.of("1600000.00"));

        assertThat(svg.split("<polyline", -1)).as("one line per series").hasSize(ConsumptionChart.SERIES.size() + 1);
        assertThat(svg).contains("Seuil de la tranche 2 : 600\u00A0000,00\u00A0€ (CP payés)",
                "Seuil de la tranche 3 : 1\u00A0000\u00A0000,00\u00A0€ (CP payés)",
                "Tranche 2 : seuil atteint le 10/12/2020", "1\u00A0600\u00A0000,00\u00A0€");
        assertThat(svg).doesNotContain("data-tranche=\"1\"");
        // The marker of the threshold reached sits on the threshold's line: same height.
        String threshold = svg.substring(svg.indexOf("<g class=\"threshold\" data-tranche=\"2\">"));
        String lineY = threshold.substring(threshold.indexOf("y1=\"") + 4, threshold.indexOf("\" y2"));
        String marker = svg.substring(svg.indexOf("<g class=\"reached\""));
        String markerY = marker.substring(marker.indexOf("cy=\"") + 4, marker.indexOf("\" r="));
        assertThat(markerY).isEqualTo(lineY);
        assertThat(svg).contains("role=\"img\"", "<title id=\"chart-title\">Consommation</title>");
    }
}
