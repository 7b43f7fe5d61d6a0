package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.erda.CanonicalFormat;
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
    static ErdaDocument liveErda(int payments) {
        return ErdaDocument.live(erdaContent(payments, false));
    }

    /** An issued, final ERDA of that many payments, signed by the ordonnateur only. */
    static ErdaDocument issuedErda(int payments) {
        ErdaContent content = erdaContent(payments, true);
        return new ErdaDocument(content, 3, content.sha256(CanonicalFormat.CURRENT), LocalDate.of(2023, 2, 1),
                CanonicalFormat.CURRENT,
                List.of(new ErdaDocument.Signature("ORDONNATEUR", SIGNER, LocalDate.of(2023, 2, 3))));
    }

    /**
     * An issued ERDA whose rows are of one, two or three lines in no regular pattern: a long ERDA
     * then has pages of different numbers of rows, which the PDF must join as they come.
     */
    static ErdaDocument irregularErda(int payments) {
        ErdaContent regular = erdaContent(payments, true);
        List<ErdaContent.Commitment> irregular = new ArrayList<>(regular.commitments().size());
        long seed = 42;
        for (ErdaContent.Commitment ej : regular.commitments()) {
            seed = (seed * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L);
            int kind = (int) ((seed >>> 33) % 5);
            String supplier = switch (kind) {
                case 0, 1 -> "SCOP " + ej.ejNumber();
                case 2, 3 -> ej.supplierName();
                default -> ej.supplierName() + ", groupement solidaire avec la Société Coopérative des Ingénieurs";
            };
            irregular.add(new ErdaContent.Commitment(ej.ejNumber(), supplier, ej.supplierSiret(),
                    kind < 2 ? "Licences" : ej.object(), ej.committedOn(), ej.aeCommitted(), ej.aeReleased(),
                    ej.aeNet(), ej.payments(), ej.paid(), ej.restesAPayer()));
        }
        ErdaContent content = with(regular, irregular, regular.contributionDue());
        return new ErdaDocument(content, 3, content.sha256(CanonicalFormat.CURRENT), LocalDate.of(2023, 2, 1),
                CanonicalFormat.CURRENT, List.of());
    }

    /** The same header and totals around other EJ lines (whose totals must be those of the original). */
    static ErdaContent with(ErdaContent base, List<ErdaContent.Commitment> commitments, Montant contributionDue) {
        return new ErdaContent(base.conventionId(), base.title(), base.contributorName(), base.contributorSiren(),
                base.beneficiary(), base.fundCode(), base.programme(), base.bop(), base.fundingMode(), base.amount(),
                base.coFinancing(), base.periodStart(), base.periodEnd(), base.asOf(), base.finalErda(), commitments,
                base.totalAeCommitted(), base.totalAeReleased(), base.totalAeNet(), base.totalPaid(),
                base.totalRestesAPayer(), base.received(), base.restituted(), base.balance(), contributionDue);
    }

    /**
     * An ERDA of that many payments, two per EJ (the last EJ of an odd count has one), every third
     * EJ with a release, amounts whose cents vary so that any rounding would show in the totals.
     */
    static ErdaContent erdaContent(int payments, boolean finalErda) {
        List<ErdaContent.Commitment> commitments = new ArrayList<>();
        Montant committed = Montant.ZERO;
        Montant released = Montant.ZERO;
        Montant paid = Montant.ZERO;
        for (int ej = 0; ej * 2 < payments; ej++) {
            List<ErdaContent.Payment> dps = new ArrayList<>(2);
            Montant paidOnEj = Montant.ZERO;
            LocalDate committedOn = START.plusDays(ej / 5);
            for (int i = ej * 2; i < Math.min(payments, ej * 2 + 2); i++) {
                Montant amount = Montant.of(BigDecimal.valueOf(100_000L + (i * 7_919L) % 4_000_000L, 2));
                paidOnEj = paidOnEj.plus(amount);
                LocalDate paidOn = committedOn.plusDays(30 + i % 2);
                dps.add(new ErdaContent.Payment(paidOn.getYear() + i / 8_000, String.format("1%08d", i),
                        i % 3 == 0 ? null : "FAC-" + i, committedOn.plusDays(20), paidOn, amount));
            }
            Montant release = ej % 3 == 2 ? Montant.of("100.50") : Montant.ZERO;
            Montant ae = ej == 0 ? KNOWN_AMOUNT : paidOnEj.plus(Montant.of("500.00")).plus(release);
            Montant net = ae.minus(release);
            commitments.add(new ErdaContent.Commitment(String.format("21%08d", ej), supplier(ej),
                    String.format("%014d", 13_002_526_500_018L + ej), object(ej), committedOn, ae, release, net, dps,
                    paidOnEj, net.minus(paidOnEj)));
            committed = committed.plus(ae);
            released = released.plus(release);
            paid = paid.plus(paidOnEj);
        }
        Montant received = Montant.of("1600000.00");
        Montant restituted = Montant.of("1600.00");
        Montant net = committed.minus(released);
        return new ErdaContent(CONVENTION_ID, "Refonte du portail des démarches « simplifiées »",
                "Caisse nationale d'assurance vieillesse", "180035024", "Direction interministérielle du numérique",
                "1-2-00395", "0129", "0129-CDIN", "ADVANCE", Montant.of("2500000.00"),
                List.of(new ErdaContent.CoFunder("Région Île-de-France", Montant.of("300000.00"))),
                LocalDate.of(2020, 1, 1), LocalDate.of(2024, 12, 31), LocalDate.of(2023, 1, 31), finalErda,
                commitments, committed, released, net, paid, net.minus(paid), received, restituted,
                received.minus(paid).minus(restituted), Montant.ZERO);
    }

    /** A live reimbursement ERDA: the contributor owes min(ceiling, CP paid) − received. */
    static ErdaDocument reimbursementErda() {
        ErdaContent base = erdaContent(4, false);
        ErdaContent content = new ErdaContent(base.conventionId(), base.title(), "Département du Pas-de-Calais",
                "226200012", base.beneficiary(), base.fundCode(), base.programme(), base.bop(), "REIMBURSEMENT",
                Montant.of("9000000.00"), List.of(), base.periodStart(), base.periodEnd(), base.asOf(), false,
                base.commitments(), base.totalAeCommitted(), base.totalAeReleased(), base.totalAeNet(),
                base.totalPaid(), base.totalRestesAPayer(), Montant.ZERO, Montant.ZERO,
                Montant.ZERO.minus(base.totalPaid()), base.totalPaid());
        return ErdaDocument.live(content);
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
