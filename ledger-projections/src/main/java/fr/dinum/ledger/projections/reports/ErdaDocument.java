package fr.dinum.ledger.projections.reports;

import fr.dinum.ledger.domain.erda.ErdaContent;

import java.time.LocalDate;
import java.util.List;

/**
 * An ERDA as it is shown and rendered: its content, and for an issued one its number, hash, date of
 * issue and signatures. A live ERDA (computed for any date, never recorded) has no number.
 */
public record ErdaDocument(ErdaContent content, Integer number, String sha256, LocalDate issuedOn,
                           List<Signature> signatures) {

    /** A signature block: ORDONNATEUR (commitments) or COMPTABLE (payments, comptable assignataire). */
    public record Signature(String role, String signer, LocalDate signedOn) {
    }

    public ErdaDocument {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    public static ErdaDocument live(ErdaContent content) {
        return new ErdaDocument(content, null, null, null, List.of());
    }

    public boolean issued() {
        return number != null;
    }
}
