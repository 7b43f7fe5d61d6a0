package fr.dinum.ledger.api.security;

/**
 * What a user may do. Each role grants exactly its use; a person with several uses has several
 * roles (a finance officer is usually WRITER and READER).
 */
public enum Role {
    /** Budget controllers and anyone who reads: every GET of the API. */
    READER,
    /** DINUM finance: the commands that record facts. */
    WRITER,
    /** Signs the commitment side of an ERDA. */
    ORDONNATEUR,
    /** The comptable assignataire: signs the payment side of an ERDA. */
    COMPTABLE,
    /** Operations: replay of the projections and other administration. */
    ADMIN,
    /** The metrics scraper (Prometheus): /actuator/prometheus only. */
    SCRAPER;

    public String authority() {
        return "ROLE_" + name();
    }
}
