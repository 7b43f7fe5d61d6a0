package fr.dinum.ledger.domain.convention;

/** Which consumption an {@code ON_CONSUMPTION} threshold is measured on. */
public enum ConsumptionBasis {
    /** Crédits de paiement paid: the default, since contributors reimburse money actually spent. */
    CP,
    /** Net autorisations d'engagement committed. */
    AE
}
