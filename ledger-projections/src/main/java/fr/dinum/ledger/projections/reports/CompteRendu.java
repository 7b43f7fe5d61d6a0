package fr.dinum.ledger.projections.reports;

import fr.dinum.ledger.domain.convention.Credits;
import fr.dinum.ledger.domain.convention.ExerciceLine;
import fr.dinum.ledger.domain.convention.FundingMode;
import fr.dinum.ledger.domain.values.Montant;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The compte-rendu de gestion sent to the contributor (décret 2007-44 art. 6), in AE and CP: for
 * the whole term of the convention ({@code exercice} null: from the signature to the closure, or
 * to today while it is not closed) or for one exercice (1 January to 31 December).
 *
 * <p>Flows are those dated in {@code [from, to]}; positions (restes à payer, what is due) are read
 * at the day before {@code from} and at {@code to}. The credits of the period ({@link Credits}):
 * carried in + opened − consumed − cancelled = carried over.
 *
 * @param received            money received in the period
 * @param overpaid            the part of it above what was payable (overpayments), due back at once
 * @param credits             the period's credits, in AE and CP
 * @param byExercice          the credits of each exercice of the period
 * @param byEj                each EJ with a movement in the period or restes à payer at its start
 * @param aeCommitted         AE committed in the period
 * @param aeReleased          AE released in the period
 * @param aeNet               net AE of the period: committed − released
 * @param cpPaid              CP paid in the period
 * @param restesAPayerAtStart net AE − CP paid at the day before {@code from} (0 for the term)
 * @param restesAPayerAtEnd   net AE − CP paid at {@code to}
 * @param restituted          money given back to the contributor in the period
 * @param restitutionDue      what is still due back to the contributor at {@code to}
 * @param contributionDue     what the contributor still owes at {@code to}
 * @param balance             received − CP paid − restituted at {@code to}: the money left
 * @param coFinancing         every funder of the project with its share of the expenses
 */
public record CompteRendu(String conventionId, String title, String contributorName, String beneficiary,
                          String fundCode, String programme, String bop, FundingMode fundingMode, Montant amount,
                          Integer exercice, LocalDate from, LocalDate to, Montant received, Montant overpaid,
                          Credits credits,
                          List<ExerciceLine> byExercice, List<EjFigures> byEj, Montant aeCommitted,
                          Montant aeReleased, Montant aeNet, Montant cpPaid, Montant restesAPayerAtStart,
                          Montant restesAPayerAtEnd, Montant restituted, Montant restitutionDue,
                          Montant contributionDue, Montant balance, List<CoFunder> coFinancing) {

    /**
     * One engagement juridique and its supplier: restes à payer at the start of the period, the
     * period's flows, restes à payer at its end ({@code atStart + aeNet − cpPaid}, never negative).
     */
    public record EjFigures(String ejNumber, String supplierName, String supplierSiret, String object,
                            LocalDate committedOn, Montant restesAPayerAtStart, Montant aeCommitted,
                            Montant aeReleased, Montant aeNet, Montant cpPaid, Montant restesAPayerAtEnd) {
    }

    /**
     * A funder of the project: the contributor (on the fund) or a co-funder paying outside it. Its
     * share is its amount over the project's total; its part of the expenses is the CP paid on the
     * fund in the period, times its amount over the contributor's, so that each pays "in the same
     * proportions" as the convention sets.
     *
     * @param contributor whether this is the convention's contributor, whose money the ledger records
     * @param share       amount / total of all funders' amounts, a fraction with 4 decimals (0.5000)
     */
    public record CoFunder(String funder, boolean contributor, Montant amount, BigDecimal share,
                           Montant expensesShare) {
    }

    public CompteRendu {
        byExercice = List.copyOf(byExercice);
        byEj = List.copyOf(byEj);
        coFinancing = coFinancing == null ? List.of() : List.copyOf(coFinancing);
    }
}
