package fr.dinum.ledger.domain.convention;

/** The legal nature of the partie versante. */
public enum ContributorKind {
    COLLECTIVITE,
    ETABLISSEMENT_PUBLIC,
    ETAT,
    ENTREPRISE,
    ASSOCIATION,
    AUTRE
}
