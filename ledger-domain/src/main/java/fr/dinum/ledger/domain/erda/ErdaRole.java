package fr.dinum.ledger.domain.erda;

/** Who signs an ERDA: each role signs its own side, once. */
public enum ErdaRole {
    /** The ordonnateur, with a delegation to commit: signs for the commitments. */
    ORDONNATEUR,
    /** The comptable assignataire (SCBCM): signs for the payments. */
    COMPTABLE
}
