package fr.dinum.ledger.api.console;

import fr.dinum.ledger.domain.convention.ConsumptionBasis;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.domain.convention.TrancheTrigger;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ThresholdReached;
import fr.dinum.ledger.projections.reports.render.FrenchFormat;
import org.springframework.web.util.HtmlUtils;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The chart of a convention's consumption against its tranche thresholds, drawn on the server as
 * an inline SVG: no script, no library, nothing fetched. Each series is a step line of the
 * cumulative figure after each business date (money received, AE and CP opened, AE net, CP paid);
 * each ON_CONSUMPTION tranche's threshold is a dashed line, and the date it was reached a marker.
 * Positions are computed from exact decimals (no floating point, as everywhere money is handled).
 * The figures themselves are in the page's tables; the chart's title and description say what it
 * shows for screen readers.
 */
final class ConsumptionChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 380;
    private static final int LEFT = 120;
    private static final int RIGHT = 24;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;

    /** A series: its label, its colour (from the DSFR palette) and how to read it from the totals. */
    record Series(String key, String label, String colour, Function<Totals, Montant> value) {
    }

    static final List<Series> SERIES = List.of(
            new Series("received", "Sommes reçues", "#000091", Totals::received),
            new Series("ae-opened", "AE ouvertes", "#6a6af4", Totals::aeOpened),
            new Series("cp-opened", "CP ouverts", "#009081", Totals::cpOpened),
            new Series("ae-net", "AE nettes engagées", "#b34000", Totals::aeNet),
            new Series("cp-paid", "CP payés", "#a94645", Totals::cpPaid));

    static final String THRESHOLD_COLOUR = "#ce0500";

    /** The cumulative totals after one business date. */
    record Point(LocalDate date, Totals totals) {
    }

    private ConsumptionChart() {
    }

    /**
     * @param points    the totals after each business date, in date order (at least one)
     * @param tranches  the schedule in force, whose ON_CONSUMPTION tranches have thresholds
     * @param reached   the thresholds reached, with their dates
     * @param ceiling   the convention's amount, the top of the scale at least
     */
    static String svg(String title, List<Point> points, List<Tranche> tranches, List<ThresholdReached> reached,
                      Montant ceiling) {
        LocalDate first = points.get(0).date();
        LocalDate last = points.get(points.size() - 1).date();
        if (!last.isAfter(first)) {
            last = first.plusDays(1);
        }
        BigDecimal max = ceiling.value();
        for (Point point : points) {
            for (Series series : SERIES) {
                max = max.max(series.value().apply(point.totals()).value());
            }
        }
        for (Tranche tranche : tranches) {
            if (tranche.threshold() != null) {
                max = max.max(tranche.threshold().value());
            }
        }
        if (max.signum() == 0) {
            max = BigDecimal.ONE;
        }
        Scale scale = new Scale(first, last, max);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" class=\"console-chart\">");
        svg.append("<title id=\"chart-title\">").append(escape(title)).append("</title>");
        svg.append("<desc id=\"chart-desc\">").append(escape(description(points, tranches, reached))).append("</desc>");
        // Horizontal grid and amounts.
        for (int i = 0; i <= 4; i++) {
            BigDecimal value = max.multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP);
            int y = scale.y(value);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#dddddd\" stroke-width=\"1\"/>");
            svg.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#3a3a3a\">")
                    .append(escape(FrenchFormat.amount(value))).append("</text>");
        }
        // Dates: the first of January and of July between the first and the last date, or only the
        // first of January, labelled with its year, when the chart spans more than two years.
        boolean yearly = last.toEpochDay() - first.toEpochDay() > 730;
        for (LocalDate tick = LocalDate.of(first.getYear(), 1, 1); !tick.isAfter(last); tick = yearly
                ? tick.plusYears(1) : tick.plusMonths(6)) {
            if (tick.isBefore(first)) {
                continue;
            }
            int x = scale.x(tick);
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(TOP)
                    .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#eeeeee\" stroke-width=\"1\"/>");
            svg.append("<text x=\"").append(x).append("\" y=\"").append(HEIGHT - BOTTOM + 18)
                    .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#3a3a3a\">")
                    .append(escape(yearly ? String.valueOf(tick.getYear()) : FrenchFormat.date(tick))).append("</text>");
        }
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(HEIGHT - BOTTOM).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#3a3a3a\"/>");
        // Thresholds.
        for (Tranche tranche : tranches) {
            if (tranche.trigger() != TrancheTrigger.ON_CONSUMPTION || tranche.threshold() == null) {
                continue;
            }
            int y = scale.y(tranche.threshold().value());
            svg.append("<g class=\"threshold\" data-tranche=\"").append(tranche.number()).append("\">");
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"").append(THRESHOLD_COLOUR)
                    .append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
            svg.append("<text x=\"").append(LEFT + 6).append("\" y=\"").append(y - 5)
                    .append("\" font-size=\"12\" fill=\"").append(THRESHOLD_COLOUR).append("\">")
                    .append(escape("Seuil de la tranche " + tranche.number() + " : " + FrenchFormat.amount(tranche.threshold())
                            + " (" + basis(tranche.basis()) + ")"))
                    .append("</text></g>");
        }
        // Series, as step lines.
        for (Series series : SERIES) {
            StringBuilder line = new StringBuilder();
            Integer previousY = null;
            for (Point point : points) {
                int x = scale.x(point.date());
                int y = scale.y(series.value().apply(point.totals()).value());
                if (previousY != null) {
                    line.append(x).append(',').append(previousY).append(' ');
                }
                line.append(x).append(',').append(y).append(' ');
                previousY = y;
            }
            line.append(scale.x(last)).append(',').append(previousY);
            svg.append("<polyline class=\"series\" data-series=\"").append(series.key()).append("\" fill=\"none\" stroke=\"")
                    .append(series.colour()).append("\" stroke-width=\"2.5\" points=\"").append(line.toString().strip())
                    .append("\"/>");
        }
        // Thresholds reached.
        for (ThresholdReached r : reached) {
            int x = scale.x(r.reachedOn());
            int y = scale.y(r.consumed().value());
            String label = "Tranche " + r.trancheNumber() + " : seuil atteint le " + FrenchFormat.date(r.reachedOn());
            svg.append("<g class=\"reached\" data-tranche=\"").append(r.trancheNumber()).append("\">");
            svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"6\" fill=\"")
                    .append(THRESHOLD_COLOUR).append("\" stroke=\"#ffffff\" stroke-width=\"2\"/>");
            svg.append("<text x=\"").append(Math.min(x + 10, WIDTH - RIGHT - 250)).append("\" y=\"").append(y + 18)
                    .append("\" font-size=\"12\" font-weight=\"bold\" fill=\"").append(THRESHOLD_COLOUR).append("\">")
                    .append(escape(label)).append("</text></g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static String description(List<Point> points, List<Tranche> tranches, List<ThresholdReached> reached) {
        Totals end = points.get(points.size() - 1).totals();
        StringBuilder text = new StringBuilder("Au ").append(FrenchFormat.date(points.get(points.size() - 1).date()))
                .append(" : ");
        List<String> parts = new ArrayList<>();
        for (Series series : SERIES) {
            parts.add(series.label() + " " + FrenchFormat.amount(series.value().apply(end)));
        }
        text.append(String.join(", ", parts)).append(". ");
        for (Tranche tranche : tranches) {
            if (tranche.threshold() != null) {
                text.append("Seuil de la tranche ").append(tranche.number()).append(" : ")
                        .append(FrenchFormat.amount(tranche.threshold())).append(". ");
            }
        }
        for (ThresholdReached r : reached) {
            text.append("Tranche ").append(r.trancheNumber()).append(" : seuil atteint le ")
                    .append(FrenchFormat.date(r.reachedOn())).append(". ");
        }
        return text.toString().strip();
    }

    private static String basis(ConsumptionBasis basis) {
        return basis == ConsumptionBasis.AE ? "AE nettes" : "CP payés";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    /** Dates to x and amounts to y, in whole SVG units. */
    private record Scale(LocalDate first, LocalDate last, BigDecimal max) {

        int x(LocalDate date) {
            long span = last.toEpochDay() - first.toEpochDay();
            long offset = Math.max(0, Math.min(span, date.toEpochDay() - first.toEpochDay()));
            return LEFT + (int) (offset * (WIDTH - LEFT - RIGHT) / span);
        }

        int y(BigDecimal value) {
            int plot = HEIGHT - TOP - BOTTOM;
            return HEIGHT - BOTTOM - value.multiply(BigDecimal.valueOf(plot)).divide(max, 0, RoundingMode.HALF_UP).intValue();
        }
    }
}
