package fr.dinum.ledger.domain.convention;

/**
 * What a convention's period bounds, as its terms say. Every convention bounds its commitments
 * (DOMAIN.md rule 3); some also bound the services and payments made under it, such as the
 * Cerema's "engagements, services et paiements jusqu'au 31 mai 2021".
 */
public enum PeriodCovers {
    /** Commitments are dated within the period; services and payments may come after its end. */
    COMMITMENTS,
    /** Commitments, services faits and payments are all dated within the period. */
    COMMITMENTS_AND_PAYMENTS;

    /** Whether a payment and its service fait must fall within the period. */
    public boolean payments() {
        return this == COMMITMENTS_AND_PAYMENTS;
    }
}
