package fr.dinum.ledger.domain.erda;

/**
 * The versions of an ERDA's canonical text, the text its SHA-256 is taken over. An issued ERDA
 * records the version it was hashed under and is checked under that version forever: a new
 * version is added for new ERDAs, an old one is never changed nor removed.
 */
public enum CanonicalFormat {
    /** One line per payment with the gross AE of its EJ repeated and a running total (until issue 9). */
    V1("ERDA-CANONICAL-V1"),
    /**
     * Lines grouped by EJ (one EJ line with its AE committed, released and net, then its payments with
     * their invoice reference), the co-financing and funding mode in the header, and the amount the
     * contributor owes.
     */
    V2("ERDA-CANONICAL-V2");

    /** The version of every ERDA issued from now on. */
    public static final CanonicalFormat CURRENT = V2;

    private final String firstLine;

    CanonicalFormat(String firstLine) {
        this.firstLine = firstLine;
    }

    /** The first line of a canonical text of this version: the hash covers the version too. */
    public String firstLine() {
        return firstLine;
    }
}
