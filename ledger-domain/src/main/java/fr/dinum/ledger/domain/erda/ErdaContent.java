package fr.dinum.ledger.domain.erda;

import fr.dinum.ledger.domain.values.Montant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The content of an ERDA (état récapitulatif des dépenses acceptées): the header, one line per
 * payment dated on or before {@code asOf} with its running total, and the totals. It is what an
 * issued ERDA freezes: its SHA-256 is taken over {@link #canonicalText()}, a fixed line-per-field
 * text that does not depend on any serializer, so the same content gives the same hash forever.
 * Signatures are not part of it: they come after issuance.
 */
public record ErdaContent(String conventionId, String title, String contributorName, String contributorSiren,
                          String beneficiary, String fundCode, String programme, String bop, LocalDate periodStart,
                          LocalDate periodEnd, LocalDate asOf, boolean finalErda, List<Line> lines, Montant totalAe,
                          Montant totalPaid, Montant received, Montant restituted, Montant balance) {

    /**
     * One payment (DP) with the engagement juridique it was paid on.
     *
     * @param aeAmount   the AE committed on the EJ
     * @param cumulative the running total of the amounts paid, in the order of the lines
     */
    public record Line(int exercice, String ejNumber, String supplierName, String supplierSiret, String object,
                       LocalDate committedOn, Montant aeAmount, String dpNumber, LocalDate serviceFaitOn,
                       LocalDate paidOn, Montant amountPaid, Montant cumulative) {
    }

    public ErdaContent {
        Objects.requireNonNull(conventionId, "conventionId");
        Objects.requireNonNull(asOf, "asOf");
        lines = List.copyOf(lines);
    }

    /**
     * The text the hash is taken over: one "key=value" line per header field, one "|"-separated
     * line per payment, then the totals. Amounts have two decimals, dates are ISO, absent values
     * are empty. Changing this format changes every hash: it is versioned by its first line.
     */
    public String canonicalText() {
        StringBuilder text = new StringBuilder(256 + lines.size() * 128);
        text.append("ERDA-CANONICAL-V1\n");
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
        for (Line line : lines) {
            text.append("line=").append(line.exercice()).append('|').append(clean(line.ejNumber())).append('|')
                    .append(clean(line.supplierName())).append('|').append(clean(line.supplierSiret())).append('|')
                    .append(clean(line.object())).append('|').append(clean(line.committedOn())).append('|')
                    .append(clean(line.aeAmount())).append('|').append(clean(line.dpNumber())).append('|')
                    .append(clean(line.serviceFaitOn())).append('|').append(clean(line.paidOn())).append('|')
                    .append(clean(line.amountPaid())).append('|').append(clean(line.cumulative())).append('\n');
        }
        field(text, "totalAe", totalAe);
        field(text, "totalPaid", totalPaid);
        field(text, "received", received);
        field(text, "restituted", restituted);
        field(text, "balance", balance);
        return text.toString();
    }

    /** The SHA-256 of the canonical text, in lower-case hexadecimal. */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonicalText().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static void field(StringBuilder text, String key, Object value) {
        text.append(key).append('=').append(clean(value)).append('\n');
    }

    /** Values are single-line and free of the separator, so that no two contents share a text. */
    private static String clean(Object value) {
        return value == null ? "" : value.toString().replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n");
    }
}
