package fr.dinum.ledger.domain.erda;

import fr.dinum.ledger.domain.values.Montant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The content of an ERDA (état récapitulatif des dépenses acceptées) as of a date, laid out as a
 * comptable reads it: one line per engagement juridique (EJ) committed on or before {@code asOf},
 * carrying its AE once (committed, released, net) and its reste à payer, followed by the payments
 * (DP) made on it, each with its invoice reference. Every amount column adds up to its total:
 * the AE totals are the sums of the EJ lines, the total paid is the sum of the DP lines.
 *
 * <p>It is what an issued ERDA freezes: its SHA-256 is taken over {@link #canonicalText(CanonicalFormat)},
 * a fixed line-per-field text that does not depend on any serializer, so the same content gives the
 * same hash forever. Signatures are not part of it: they come after issuance. The content is built
 * from the events by {@code ErdaBook} only, never by hand elsewhere.
 *
 * @param fundingMode     ADVANCE or REIMBURSEMENT
 * @param amount          the convention's amount (ceiling) in force at {@code asOf}
 * @param contributionDue what the contributor owes at {@code asOf} (for a reimbursement,
 *                        min(ceiling, CP paid) − received), from {@code Funding.contributionDue}
 * @param balance         received − CP paid − restituted
 */
public record ErdaContent(String conventionId, String title, String contributorName, String contributorSiren,
                          String beneficiary, String fundCode, String programme, String bop, String fundingMode,
                          Montant amount, List<CoFunder> coFinancing, LocalDate periodStart, LocalDate periodEnd,
                          LocalDate asOf, boolean finalErda, List<Commitment> commitments, Montant totalAeCommitted,
                          Montant totalAeReleased, Montant totalAeNet, Montant totalPaid, Montant totalRestesAPayer,
                          Montant received, Montant restituted, Montant balance, Montant contributionDue) {

    /** A co-funder paying its share outside the fund, as the convention names it. */
    public record CoFunder(String funder, Montant amount) {
    }

    /**
     * One engagement juridique with its AE as of the ERDA's date and the payments made on it.
     *
     * @param paid         the sum of {@code payments}
     * @param restesAPayer net AE − paid
     */
    public record Commitment(String ejNumber, String supplierName, String supplierSiret, String object,
                             LocalDate committedOn, Montant aeCommitted, Montant aeReleased, Montant aeNet,
                             List<Payment> payments, Montant paid, Montant restesAPayer) {
        public Commitment {
            payments = List.copyOf(payments);
        }
    }

    /** One payment (DP) on its EJ; {@code exercice} is the year it was paid. */
    public record Payment(int exercice, String dpNumber, String invoiceReference, LocalDate serviceFaitOn,
                          LocalDate paidOn, Montant amount) {
    }

    public ErdaContent {
        Objects.requireNonNull(conventionId, "conventionId");
        Objects.requireNonNull(asOf, "asOf");
        coFinancing = coFinancing == null ? List.of() : List.copyOf(coFinancing);
        commitments = List.copyOf(commitments);
    }

    /** The number of payments, over every EJ. */
    public int paymentCount() {
        return commitments.stream().mapToInt(c -> c.payments().size()).sum();
    }

    /** Whether the convention is a reimbursement: the ERDA then says what the contributor owes. */
    public boolean reimbursement() {
        return "REIMBURSEMENT".equals(fundingMode);
    }

    /**
     * The text the hash is taken over, in the given version. Amounts have two decimals, dates are
     * ISO, absent values are empty, and values are escaped so that no two contents share a text.
     */
    public String canonicalText(CanonicalFormat format) {
        return switch (format) {
            case V1 -> canonicalTextV1();
            case V2 -> canonicalTextV2();
        };
    }

    /** The SHA-256 of the canonical text of that version, in lower-case hexadecimal. */
    public String sha256(CanonicalFormat format) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonicalText(format).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private String canonicalTextV2() {
        StringBuilder text = new StringBuilder(512 + paymentCount() * 96 + commitments.size() * 128);
        text.append(CanonicalFormat.V2.firstLine()).append('\n');
        header(text);
        field(text, "fundingMode", fundingMode);
        field(text, "amount", amount);
        for (CoFunder coFunder : coFinancing) {
            values(text, "coFunder", coFunder.funder(), coFunder.amount());
        }
        for (Commitment ej : commitments) {
            values(text, "ej", ej.ejNumber(), ej.supplierName(), ej.supplierSiret(), ej.object(), ej.committedOn(),
                    ej.aeCommitted(), ej.aeReleased(), ej.aeNet(), ej.paid(), ej.restesAPayer());
            for (Payment dp : ej.payments()) {
                values(text, "dp", dp.exercice(), dp.dpNumber(), dp.invoiceReference(), dp.serviceFaitOn(),
                        dp.paidOn(), dp.amount());
            }
        }
        field(text, "totalAeCommitted", totalAeCommitted);
        field(text, "totalAeReleased", totalAeReleased);
        field(text, "totalAeNet", totalAeNet);
        field(text, "totalPaid", totalPaid);
        field(text, "totalRestesAPayer", totalRestesAPayer);
        field(text, "received", received);
        field(text, "restituted", restituted);
        field(text, "balance", balance);
        field(text, "contributionDue", contributionDue);
        return text.toString();
    }

    /**
     * The text of the first version, rebuilt from the same facts: one line per payment, by payment
     * date then DP number, with the gross AE of its EJ and a running total; the total AE is the net
     * AE. It must stay byte for byte what it was, or ERDAs issued under it no longer verify.
     */
    private String canonicalTextV1() {
        record Paid(Commitment ej, Payment dp) {
        }
        List<Paid> paid = new ArrayList<>(paymentCount());
        commitments.forEach(ej -> ej.payments().forEach(dp -> paid.add(new Paid(ej, dp))));
        paid.sort(Comparator.comparing((Paid p) -> p.dp().paidOn()).thenComparing(p -> p.dp().dpNumber()));
        StringBuilder text = new StringBuilder(256 + paid.size() * 128);
        text.append(CanonicalFormat.V1.firstLine()).append('\n');
        header(text);
        Montant cumulative = Montant.ZERO;
        for (Paid line : paid) {
            cumulative = cumulative.plus(line.dp().amount());
            values(text, "line", line.dp().exercice(), line.ej().ejNumber(), line.ej().supplierName(),
                    line.ej().supplierSiret(), line.ej().object(), line.ej().committedOn(), line.ej().aeCommitted(),
                    line.dp().dpNumber(), line.dp().serviceFaitOn(), line.dp().paidOn(), line.dp().amount(), cumulative);
        }
        field(text, "totalAe", totalAeNet);
        field(text, "totalPaid", cumulative);
        field(text, "received", received);
        field(text, "restituted", restituted);
        field(text, "balance", received.minus(cumulative).minus(restituted));
        return text.toString();
    }

    private void header(StringBuilder text) {
        field(text, "conventionId", conventionId);
        field(text, "title", title);
        field(text, "contributorName", contributorName);
        field(text, "contributorSiren", contributorSiren);
        field(text, "beneficiary", beneficiary);
        field(text, "fundCode", fundCode);
        field(text, "programme", programme);
        field(text, "bop", bop);
        field(text, "periodStart", periodStart);
        field(text, "periodEnd", periodEnd);
        field(text, "asOf", asOf);
        field(text, "final", finalErda);
    }

    private static void field(StringBuilder text, String key, Object value) {
        text.append(key).append('=').append(clean(value)).append('\n');
    }

    private static void values(StringBuilder text, String key, Object... values) {
        text.append(key).append('=');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('|');
            }
            text.append(clean(values[i]));
        }
        text.append('\n');
    }

    /** Values are single-line and free of the separator, so that no two contents share a text. */
    private static String clean(Object value) {
        return value == null ? "" : value.toString().replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n");
    }
}
