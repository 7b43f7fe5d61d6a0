package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.Terms.CoFinancing;
import fr.dinum.ledger.domain.convention.Terms.Contributor;
import fr.dinum.ledger.domain.convention.Terms.Fund;
import fr.dinum.ledger.domain.convention.Terms.Supplier;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.erda.ErdaRole;
import fr.dinum.ledger.domain.values.DpNumber;
import fr.dinum.ledger.domain.values.EjNumber;
import fr.dinum.ledger.domain.values.Montant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

import static fr.dinum.ledger.domain.values.BusinessDate.require;
import static fr.dinum.ledger.domain.values.SafeText.multiLine;
import static fr.dinum.ledger.domain.values.SafeText.singleLine;

/**
 * The commands of the Convention aggregate. Each carries its own identifier (DOMAIN.md rule 11)
 * so that a retry is recognised and recorded once.
 *
 * <p>Each command checks, as it is built, the text and the dates that its events will carry
 * ({@link fr.dinum.ledger.domain.values.SafeText}, {@link fr.dinum.ledger.domain.values.BusinessDate}):
 * whatever path a command comes by, nothing that a projection cannot store enters an event. The
 * check is here rather than in the {@link Terms} records because those are also rebuilt from the
 * events already stored, which must always stay readable.
 */
public sealed interface ConventionCommand {

    String conventionId();

    record SignConvention(@TargetAggregateIdentifier String conventionId, String title, Contributor contributor,
                          String beneficiary, Fund fund, Montant amount, FundingMode fundingMode,
                          List<Tranche> tranches, List<CoFinancing> coFinancing, LocalDate signedOn,
                          LocalDate effectiveOn, LocalDate endsOn, PeriodCovers periodCovers)
            implements ConventionCommand {
        /** Terms that do not say what their period covers bound the commitments only (rule 3). */
        public SignConvention {
            singleLine("conventionId", conventionId);
            singleLine("title", title);
            if (contributor != null) {
                singleLine("contributor.name", contributor.name());
                if (contributor.restitutionAccount() != null) {
                    singleLine("contributor.restitutionAccount.holder", contributor.restitutionAccount().holder());
                }
            }
            singleLine("beneficiary", beneficiary);
            if (fund != null) {
                singleLine("fund.fundCode", fund.fundCode());
                singleLine("fund.programme", fund.programme());
                singleLine("fund.bop", fund.bop());
            }
            if (coFinancing != null) {
                coFinancing.forEach(c -> singleLine("coFinancing.funder", c.funder()));
            }
            require("signedOn", signedOn);
            require("effectiveOn", effectiveOn);
            require("endsOn", endsOn);
            tranches = List.copyOf(tranches);
            coFinancing = coFinancing == null ? List.of() : List.copyOf(coFinancing);
            periodCovers = periodCovers == null ? PeriodCovers.COMMITMENTS : periodCovers;
        }

        /** Terms whose period covers the commitments only. */
        public SignConvention(String conventionId, String title, Contributor contributor, String beneficiary,
                              Fund fund, Montant amount, FundingMode fundingMode, List<Tranche> tranches,
                              List<CoFinancing> coFinancing, LocalDate signedOn, LocalDate effectiveOn,
                              LocalDate endsOn) {
            this(conventionId, title, contributor, beneficiary, fund, amount, fundingMode, tranches, coFinancing,
                    signedOn, effectiveOn, endsOn, PeriodCovers.COMMITMENTS);
        }
    }

    /**
     * {@code trancheNumber} is optional: the first payable tranche with money outstanding is used.
     * {@code overpayment} states that the money really arrived: an amount above what is payable is
     * then recorded, its excess due back at once, instead of being refused as a typing error.
     */
    record ReceivePayment(@TargetAggregateIdentifier String conventionId, String receiptId, Montant amount,
                          LocalDate receivedOn, Integer trancheNumber, String reference, boolean overpayment)
            implements ConventionCommand {
        public ReceivePayment {
            singleLine("conventionId", conventionId);
            singleLine("receiptId", receiptId);
            singleLine("reference", reference);
            require("receivedOn", receivedOn);
        }

        /** A receipt that must be within what is payable. */
        public ReceivePayment(String conventionId, String receiptId, Montant amount, LocalDate receivedOn,
                              Integer trancheNumber, String reference) {
            this(conventionId, receiptId, amount, receivedOn, trancheNumber, reference, false);
        }
    }

    record OpenCredits(@TargetAggregateIdentifier String conventionId, String openingId, Montant ae, Montant cp,
                       LocalDate openedOn, String arreteReference) implements ConventionCommand {
        public OpenCredits {
            singleLine("conventionId", conventionId);
            singleLine("openingId", openingId);
            singleLine("arreteReference", arreteReference);
            require("openedOn", openedOn);
        }
    }

    record CommitAe(@TargetAggregateIdentifier String conventionId, EjNumber ejNumber, Montant amount,
                    LocalDate committedOn, Supplier supplier, String object, String marche) implements ConventionCommand {
        public CommitAe {
            singleLine("conventionId", conventionId);
            if (supplier != null) {
                singleLine("supplier.name", supplier.name());
            }
            multiLine("object", object);
            singleLine("marche", marche);
            require("committedOn", committedOn);
        }
    }

    record ReleaseAe(@TargetAggregateIdentifier String conventionId, EjNumber ejNumber, String releaseId,
                     Montant amount, LocalDate releasedOn, String reason) implements ConventionCommand {
        public ReleaseAe {
            singleLine("conventionId", conventionId);
            singleLine("releaseId", releaseId);
            multiLine("reason", reason);
            require("releasedOn", releasedOn);
        }
    }

    record PayCp(@TargetAggregateIdentifier String conventionId, DpNumber dpNumber, EjNumber ejNumber, Montant amount,
                 LocalDate serviceFaitOn, LocalDate paidOn, String invoiceReference) implements ConventionCommand {
        public PayCp {
            singleLine("conventionId", conventionId);
            singleLine("invoiceReference", invoiceReference);
            require("serviceFaitOn", serviceFaitOn);
            require("paidOn", paidOn);
        }
    }

    record CloseConvention(@TargetAggregateIdentifier String conventionId, LocalDate closedOn)
            implements ConventionCommand {
        public CloseConvention {
            singleLine("conventionId", conventionId);
            require("closedOn", closedOn);
        }
    }

    record RestituteFunds(@TargetAggregateIdentifier String conventionId, String restitutionId, Montant amount,
                          LocalDate restitutedOn, String reference) implements ConventionCommand {
        public RestituteFunds {
            singleLine("conventionId", conventionId);
            singleLine("restitutionId", restitutionId);
            singleLine("reference", reference);
            require("restitutedOn", restitutedOn);
        }
    }

    /** Calls the tranche, with the ERDA of its date: ON_CONSUMPTION once reached, ON_CLOSING after closure. */
    record CallForFunds(@TargetAggregateIdentifier String conventionId, String callId, int trancheNumber,
                        LocalDate calledOn) implements ConventionCommand {
        public CallForFunds {
            singleLine("conventionId", conventionId);
            singleLine("callId", callId);
            require("calledOn", calledOn);
        }
    }

    /** An avenant: each of amount, endsOn and tranches is optional and left unchanged when absent. */
    record AmendConvention(@TargetAggregateIdentifier String conventionId, String amendmentId, LocalDate signedOn,
                           String summary, Montant amount, LocalDate endsOn, List<Tranche> tranches)
            implements ConventionCommand {
        public AmendConvention {
            singleLine("conventionId", conventionId);
            singleLine("amendmentId", amendmentId);
            multiLine("summary", summary);
            require("signedOn", signedOn);
            require("endsOn", endsOn);
            tranches = tranches == null ? null : List.copyOf(tranches);
        }
    }

    record TerminateConvention(@TargetAggregateIdentifier String conventionId, LocalDate terminatedOn, String reason)
            implements ConventionCommand {
        public TerminateConvention {
            singleLine("conventionId", conventionId);
            multiLine("reason", reason);
            require("terminatedOn", terminatedOn);
        }
    }

    /**
     * Issues (freezes) the ERDA of a date; {@code finalErda} only once the convention is closed.
     * {@code issuedOn} is the business date of issue, optional (today when absent): a team keying
     * past years records the real date, never before {@code asOf} nor in the future.
     */
    record IssueErda(@TargetAggregateIdentifier String conventionId, LocalDate asOf, boolean finalErda,
                     LocalDate issuedOn) implements ConventionCommand {
        public IssueErda {
            singleLine("conventionId", conventionId);
            require("asOf", asOf);
            require("issuedOn", issuedOn);
        }

        /** Issued today. */
        public IssueErda(String conventionId, LocalDate asOf, boolean finalErda) {
            this(conventionId, asOf, finalErda, null);
        }
    }

    record SignErda(@TargetAggregateIdentifier String conventionId, int number, ErdaRole role, String signer,
                    LocalDate signedOn) implements ConventionCommand {
        public SignErda {
            singleLine("conventionId", conventionId);
            singleLine("signer", signer);
            require("signedOn", signedOn);
        }
    }
}
