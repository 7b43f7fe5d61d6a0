package fr.dinum.ledger.domain.convention;

/** What makes a tranche of the payment schedule payable. */
public enum TrancheTrigger {
    /** Payable as soon as the convention is signed. */
    ON_SIGNATURE,
    /** Payable once the DINUM has consumed the tranche's threshold, on an appel de fonds. */
    ON_CONSUMPTION,
    /** Payable after closure, for the expenses actually made, capped by the tranche's amount. */
    ON_CLOSING
}
