package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.domain.convention.Credits;
import fr.dinum.ledger.domain.convention.ExerciceLine;
import fr.dinum.ledger.domain.convention.Funding;
import fr.dinum.ledger.domain.convention.FundingMode;
import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.projections.reports.CompteRendu;
import fr.dinum.ledger.projections.reports.ErdaDocument;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test data for the renderers: ERDAs and comptes-rendus of any size, with figures that add up, and
 * the values that break naive writers on the second line.
 */
final class ReportSamples {

    /** A supplier name with the CSV separators, a quote, markup and accents: it must come back intact. */
    static final String TRICKY_SUPPLIER = "Société \"Éclair\" | <script>alert('x')</script>; Œuvres & Cie, à Noël";
    /** An object over two lines, which a CSV must quote. */
    static final String TWO_LINE_OBJECT = "Maintenance évolutive\nlot n° 2";
    /** An object a spreadsheet would run as a formula if a CSV let it. */
    static final String FORMULA_OBJECT = "=1+1 (formule)";
    /** The AE amount of the first line, printed as 1 600 000,00 €. */
    static final Montant KNOWN_AMOUNT = Montant.of("1600000.00");
    static final String CONVENTION_ID = "FDC-2020-0042";
    static final String SIGNER = "Marianne Dupont-Lefèvre";

    private static final LocalDate START = LocalDate.of(2020, 5, 11);

    private ReportSamples() {
    }

    /** A live ERDA of that many payments. */
    static ErdaDocument liveErda(int lines) {
        return ErdaDocument.live(erdaContent(lines, false));
    }

    /** An issued, final ERDA of that many payments, signed by the ordonnateur only. */
    static ErdaDocument issuedErda(int lines) {
        ErdaContent content = erdaContent(lines, true);
        return new ErdaDocument(content, 3, content.sha256(), LocalDate.of(2023, 2, 1),
                List.of(new ErdaDocument.Signature("ORDONNATEUR", SIGNER, LocalDate.of(2023, 2, 3))));
    }

    /**
     * An issued ERDA whose rows are of one, two or three lines in no regular pattern: a long ERDA
     * then has pages of different numbers of rows, which the PDF must join as they come.
     */
    static ErdaDocument irregularErda(int lines) {
        ErdaContent regular = erdaContent(lines, true);
        List<ErdaContent.Line> irregular = new ArrayList<>(lines);
        long seed = 42;
        for (ErdaContent.Line line : regular.lines()) {
            seed = (seed * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L);
            int kind = (int) ((seed >>> 33) % 5);
            String supplier = switch (kind) {
                case 0, 1 -> "SCOP " + line.ejNumber();
                case 2, 3 -> line.supplierName();
                default -> line.supplierName() + ", groupement solidaire avec la Société Coopérative des Ingénieurs";
            };
            irregular.add(new ErdaContent.Line(line.exercice(), line.ejNumber(), supplier, line.supplierSiret(),
                    kind < 2 ? "Licences" : line.object(), line.committedOn(), line.aeAmount(), line.dpNumber(),
                    line.serviceFaitOn(), line.paidOn(), line.amountPaid(), line.cumulative()));
        }
        ErdaContent content = new ErdaContent(regular.conventionId(), regular.title(), regular.contributorName(),
                regular.contributorSiren(), regular.beneficiary(), regular.fundCode(), regular.programme(),
                regular.bop(), regular.periodStart(), regular.periodEnd(), regular.asOf(), true, irregular,
                regular.totalAe(), regular.totalPaid(), regular.received(), regular.restituted(), regular.balance());
        return new ErdaDocument(content, 3, content.sha256(), LocalDate.of(2023, 2, 1), List.of());
    }

    static ErdaContent erdaContent(int count, boolean finalErda) {
        List<ErdaContent.Line> lines = new ArrayList<>(count);
        BigDecimal cumulative = BigDecimal.ZERO;
        BigDecimal totalAe = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            // Cents that vary from line to line, so that any rounding would show in the totals.
            BigDecimal paid = BigDecimal.valueOf(100_000L + (i * 7_919L) % 4_000_000L, 2);
            cumulative = cumulative.add(paid);
            Montant ae = i == 0 ? KNOWN_AMOUNT : Montant.of(paid.add(BigDecimal.valueOf(50_000L, 2)));
            totalAe = totalAe.add(ae.value());
            LocalDate committed = START.plusDays(i / 10);
            lines.add(new ErdaContent.Line(2020 + i / 4_000, String.format("21%08d", i), supplier(i),
                    String.format("%014d", 13_002_526_500_018L + i), object(i), committed, ae,
                    String.format("1%08d", i), committed.plusDays(20), committed.plusDays(30), Montant.of(paid),
                    Montant.of(cumulative)));
        }
        Montant received = Montant.of("1600000.00");
        Montant restituted = Montant.of("1600.00");
        Montant totalPaid = Montant.of(cumulative);
        return new ErdaContent(CONVENTION_ID, "Refonte du portail des démarches « simplifiées »",
                "Caisse nationale d'assurance vieillesse", "180035024", "Direction interministérielle du numérique",
                "1-2-00395", "0129", "0129-CDIN", LocalDate.of(2020, 1, 1), LocalDate.of(2024, 12, 31),
                LocalDate.of(2023, 1, 31), finalErda, lines, Montant.of(totalAe), totalPaid, received, restituted,
                received.minus(totalPaid).minus(restituted));
    }

    /** A compte-rendu for the whole term, with that many EJ over three exercices. */
    static CompteRendu compteRendu(int ejCount) {
        List<CompteRendu.EjFigures> ejs = new ArrayList<>(ejCount);
        Montant committed = Montant.ZERO;
        Montant released = Montant.ZERO;
        Montant paid = Montant.ZERO;
        for (int i = 0; i < ejCount; i++) {
            Montant ae = i == 0 ? KNOWN_AMOUNT : Montant.of(BigDecimal.valueOf(500_000L + i * 12_345L, 2));
            Montant release = i % 3 == 0 ? Montant.of("100.50") : Montant.ZERO;
            Montant net = ae.minus(release);
            Montant cp = Montant.of(net.value().multiply(BigDecimal.valueOf(3)).divideToIntegralValue(BigDecimal.valueOf(4))
                    .setScale(2));
            ejs.add(new CompteRendu.EjFigures(String.format("21%08d", i), supplier(i),
                    String.format("%014d", 13_002_526_500_018L + i), object(i), START.plusDays(i), Montant.ZERO, ae,
                    release, net, cp, net.minus(cp)));
            committed = committed.plus(ae);
            released = released.plus(release);
            paid = paid.plus(cp);
        }
        Montant net = committed.minus(released);
        Montant received = Montant.of("2000000.00");
        Montant restituted = Montant.of("1600.00");
        // Three exercices whose figures add up to the totals: the last one takes the remainder and
        // the restitution; the credits of each year are chained by the domain's formula.
        Funding funding = new Funding(FundingMode.ADVANCE, true, Montant.of("2500000.00"));
        Map<Integer, Totals> byYear = new TreeMap<>();
        for (int index = 0; index < 3; index++) {
            byYear.put(2020 + index, new Totals(share(received, index), share(received, index), share(received, index),
                    share(committed, index), share(released, index), share(paid, index),
                    index == 2 ? restituted : Montant.ZERO, Montant.ZERO));
        }
        List<ExerciceLine> years = ExerciceLine.chain(funding, byYear, 2020, 2022);
        return new CompteRendu(CONVENTION_ID, "Refonte du portail des démarches « simplifiées »",
                "Caisse nationale d'assurance vieillesse", "Direction interministérielle du numérique", "1-2-00395",
                "0129", "0129-CDIN", FundingMode.ADVANCE, Montant.of("2500000.00"), null, LocalDate.of(2020, 1, 1),
                LocalDate.of(2022, 12, 31), received, Montant.ZERO, Credits.over(years), years, ejs, committed, released, net, paid,
                Montant.ZERO, net.minus(paid), restituted, Montant.ZERO, Montant.ZERO,
                received.minus(paid).minus(restituted),
                List.of(new CompteRendu.CoFunder("Caisse nationale d'assurance vieillesse", true,
                                Montant.of("2500000.00"), new BigDecimal("0.8929"), paid),
                        new CompteRendu.CoFunder("Région Île-de-France", false, Montant.of("300000.00"),
                                new BigDecimal("0.1071"), Montant.of(paid.value().multiply(new BigDecimal("300000"))
                                .divide(new BigDecimal("2500000"), 2, java.math.RoundingMode.HALF_UP)))));
    }

    /** A third of the amount for the first two exercices, the rest for the last, so that they add up. */
    private static Montant share(Montant total, int index) {
        Montant third = Montant.of(total.value().divideToIntegralValue(BigDecimal.valueOf(3)).setScale(2));
        return index < 2 ? third : total.minus(third).minus(third);
    }

    private static String supplier(int i) {
        return i == 1 ? TRICKY_SUPPLIER : "Entreprise Générale du Numérique n° " + (i % 97);
    }

    private static String object(int i) {
        return switch (i) {
            case 1 -> TWO_LINE_OBJECT;
            case 2 -> FORMULA_OBJECT;
            default -> "Prestation de développement, bon de commande " + i;
        };
    }
}
