package fr.dinum.ledger.api.convention;

import fr.dinum.ledger.api.web.JsonAmount;

import java.util.List;

/**
 * The bodies of the command endpoints, exactly as API.md names their fields. Every field is read
 * as text and validated by {@link CommandMapper}, so that a bad value is reported by field name
 * with the check it failed, and amounts never pass through a binary floating-point number.
 */
final class Requests {

    private Requests() {
    }

    record SignConventionRequest(String conventionId, String title, ContributorBody contributor, String beneficiary,
                                 FundBody fund, @JsonAmount String amount, String fundingMode, List<TrancheBody> tranches,
                                 List<CoFinancingBody> coFinancing, String signedOn, String effectiveOn,
                                 String endsOn, String periodCovers) {
    }

    record ContributorBody(String name, String kind, String siren, AccountBody restitutionAccount) {
    }

    record AccountBody(String holder, String iban, String bic) {
    }

    record FundBody(String fundCode, String programme, String bop) {
    }

    record TrancheBody(Integer number, @JsonAmount String amount, String trigger, @JsonAmount String threshold, String basis) {
    }

    record CoFinancingBody(String funder, @JsonAmount String amount) {
    }

    /** {@code overpayment: true} states that the money really arrived, so an excess is recorded, not refused. */
    record ReceivePaymentRequest(String receiptId, @JsonAmount String amount, String receivedOn, Integer trancheNumber,
                                 String reference, Boolean overpayment) {
    }

    record OpenCreditsRequest(String openingId, @JsonAmount String ae, @JsonAmount String cp, String openedOn, String arreteReference) {
    }

    record CommitAeRequest(String ejNumber, @JsonAmount String amount, String committedOn, SupplierBody supplier, String object,
                           String marche) {
    }

    record SupplierBody(String name, String siret) {
    }

    record ReleaseAeRequest(String releaseId, @JsonAmount String amount, String releasedOn, String reason) {
    }

    record PayCpRequest(String dpNumber, String ejNumber, @JsonAmount String amount, String serviceFaitOn, String paidOn,
                        String invoiceReference) {
    }

    record CloseConventionRequest(String closedOn) {
    }

    record RestituteFundsRequest(String restitutionId, @JsonAmount String amount, String restitutedOn, String reference) {
    }

    record CallForFundsRequest(String callId, Integer trancheNumber, String calledOn) {
    }

    record AmendConventionRequest(String amendmentId, String signedOn, String summary, @JsonAmount String amount, String endsOn,
                                  List<TrancheBody> tranches) {
    }

    record TerminateConventionRequest(String terminatedOn, String reason) {
    }
}
