package fr.dinum.ledger.projections.reports;

import com.fasterxml.jackson.annotation.JsonProperty;
import fr.dinum.ledger.domain.erda.CanonicalFormat;
import fr.dinum.ledger.domain.erda.ErdaContent;

import java.time.LocalDate;
import java.util.List;

/**
 * An ERDA as it is shown and rendered: its content, and for an issued one its number, hash, date of
 * issue, the canonical format its hash was taken under, and its signatures. A live ERDA (computed for
 * any date, never recorded) has none of these: it is a draft ("PROJET — non émis").
 */
public record ErdaDocument(ErdaContent content, Integer number, String sha256, LocalDate issuedOn,
                           CanonicalFormat canonicalFormat, List<Signature> signatures) {

    /** A signature block: ORDONNATEUR (commitments) or COMPTABLE (payments, comptable assignataire). */
    public record Signature(String role, String signer, LocalDate signedOn) {
    }

    public ErdaDocument {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    public static ErdaDocument live(ErdaContent content) {
        return new ErdaDocument(content, null, null, null, null, List.of());
    }

    /**
     * Whether the ERDA was issued (frozen under a number). Named explicitly: Jackson takes a boolean
     * method whose name starts with "is" for an "is-getter" and would publish this one as "sued".
     */
    @JsonProperty("issued")
    public boolean issued() {
        return number != null;
    }
}
