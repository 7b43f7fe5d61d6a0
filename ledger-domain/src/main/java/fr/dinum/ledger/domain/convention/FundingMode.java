package fr.dinum.ledger.domain.convention;

/**
 * How the contributor's money reaches the fund. The mode decides what AE and CP are checked
 * against: credits opened (or receipts) for an advance, the convention's ceiling for a reimbursement.
 */
public enum FundingMode {
    /** The contributor pays first and the DINUM spends afterwards. */
    ADVANCE,
    /** The DINUM spends first and the contributor pays once, at the end, on the expenses made. */
    REIMBURSEMENT
}
