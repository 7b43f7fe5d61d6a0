package fr.dinum.ledger.projections.reports;

import fr.dinum.ledger.domain.values.Montant;

import java.time.LocalDate;
import java.util.List;

/**
 * The compte-rendu de gestion sent to the contributor, in AE and CP: for the whole term of the
 * convention ({@code exercice} null) or for one exercice (calendar year).
 */
public record CompteRendu(String conventionId, String title, String contributorName, String beneficiary,
                          String fundCode, String programme, String bop, Montant amount, Integer exercice,
                          LocalDate from, LocalDate to, Montant received, Montant creditsOpenedAe,
                          Montant creditsOpenedCp, List<ExerciceFigures> byExercice, List<EjFigures> byEj,
                          Montant aeCommitted, Montant aeReleased, Montant aeNet, Montant cpPaid,
                          Montant restesAPayer, Montant restituted, Montant balance, List<CoFunder> coFinancing) {

    /** AE and CP of one exercice. */
    public record ExerciceFigures(int exercice, Montant received, Montant creditsOpenedAe, Montant creditsOpenedCp,
                                  Montant aeCommitted, Montant aeReleased, Montant aeNet, Montant cpPaid) {
    }

    /** One engagement juridique and its supplier, with its figures over the period. */
    public record EjFigures(String ejNumber, String supplierName, String supplierSiret, String object,
                            LocalDate committedOn, Montant aeCommitted, Montant aeReleased, Montant aeNet,
                            Montant cpPaid, Montant restesAPayer) {
    }

    /** A co-funder paying outside the fund, shown beside the fund's figures. */
    public record CoFunder(String funder, Montant amount) {
    }

    public CompteRendu {
        byExercice = List.copyOf(byExercice);
        byEj = List.copyOf(byEj);
        coFinancing = coFinancing == null ? List.of() : List.copyOf(coFinancing);
    }
}
