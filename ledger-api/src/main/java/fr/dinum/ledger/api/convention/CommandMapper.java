package fr.dinum.ledger.api.convention;

import fr.dinum.ledger.api.convention.Requests.AmendConventionRequest;
import fr.dinum.ledger.api.convention.Requests.CallForFundsRequest;
import fr.dinum.ledger.api.convention.Requests.CloseConventionRequest;
import fr.dinum.ledger.api.convention.Requests.CommitAeRequest;
import fr.dinum.ledger.api.convention.Requests.OpenCreditsRequest;
import fr.dinum.ledger.api.convention.Requests.PayCpRequest;
import fr.dinum.ledger.api.convention.Requests.ReceivePaymentRequest;
import fr.dinum.ledger.api.convention.Requests.ReleaseAeRequest;
import fr.dinum.ledger.api.convention.Requests.RestituteFundsRequest;
import fr.dinum.ledger.api.convention.Requests.SignConventionRequest;
import fr.dinum.ledger.api.convention.Requests.TerminateConventionRequest;
import fr.dinum.ledger.api.convention.Requests.TrancheBody;
import fr.dinum.ledger.api.web.Fields;
import fr.dinum.ledger.domain.convention.ConsumptionBasis;
import fr.dinum.ledger.domain.convention.ContributorKind;
import fr.dinum.ledger.domain.convention.ConventionCommand.AmendConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.CallForFunds;
import fr.dinum.ledger.domain.convention.ConventionCommand.CloseConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.CommitAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.OpenCredits;
import fr.dinum.ledger.domain.convention.ConventionCommand.PayCp;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReceivePayment;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReleaseAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.RestituteFunds;
import fr.dinum.ledger.domain.convention.ConventionCommand.SignConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.TerminateConvention;
import fr.dinum.ledger.domain.convention.FundingMode;
import fr.dinum.ledger.domain.convention.PeriodCovers;
import fr.dinum.ledger.domain.convention.Terms.CoFinancing;
import fr.dinum.ledger.domain.convention.Terms.Contributor;
import fr.dinum.ledger.domain.convention.Terms.Fund;
import fr.dinum.ledger.domain.convention.Terms.RestitutionAccount;
import fr.dinum.ledger.domain.convention.Terms.Supplier;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.convention.TrancheTrigger;
import fr.dinum.ledger.domain.values.Bic;
import fr.dinum.ledger.domain.values.DpNumber;
import fr.dinum.ledger.domain.values.EjNumber;
import fr.dinum.ledger.domain.values.Iban;
import fr.dinum.ledger.domain.values.Siren;
import fr.dinum.ledger.domain.values.Siret;

import java.util.ArrayList;
import java.util.List;

/** Validates request bodies field by field and builds the domain's commands from them. */
final class CommandMapper {

    private CommandMapper() {
    }

    static SignConvention sign(SignConventionRequest r) {
        Fields f = new Fields();
        String id = f.identifier("conventionId", r.conventionId());
        String title = f.text("title", r.title());
        Contributor contributor = null;
        if (f.present("contributor", r.contributor())) {
            var c = r.contributor();
            String name = f.text("contributor.name", c.name());
            ContributorKind kind = f.enumValue("contributor.kind", c.kind(), ContributorKind.class);
            Siren siren = f.optional("contributor.siren", c.siren(), Siren::of);
            RestitutionAccount account = null;
            if (c.restitutionAccount() != null) {
                var a = c.restitutionAccount();
                String holder = f.text("contributor.restitutionAccount.holder", a.holder());
                Iban iban = f.required("contributor.restitutionAccount.iban", a.iban(), Iban::of);
                Bic bic = f.required("contributor.restitutionAccount.bic", a.bic(), Bic::of);
                account = holder == null || iban == null || bic == null ? null : new RestitutionAccount(holder, iban, bic);
            }
            contributor = name == null || kind == null ? null : new Contributor(name, kind, siren, account);
        }
        String beneficiary = f.text("beneficiary", r.beneficiary());
        Fund fund = null;
        if (r.fund() != null) {
            String code = f.text("fund.fundCode", r.fund().fundCode());
            String programme = f.text("fund.programme", r.fund().programme());
            String bop = f.text("fund.bop", r.fund().bop());
            fund = code == null || programme == null || bop == null ? null : new Fund(code, programme, bop);
        }
        var amount = f.positiveAmount("amount", r.amount());
        FundingMode mode = f.enumValue("fundingMode", r.fundingMode(), FundingMode.class);
        List<Tranche> tranches = f.present("tranches", r.tranches()) ? tranches(f, r.tranches()) : List.of();
        List<CoFinancing> coFinancing = new ArrayList<>();
        if (r.coFinancing() != null) {
            for (int i = 0; i < r.coFinancing().size(); i++) {
                var c = r.coFinancing().get(i);
                String funder = f.text("coFinancing[" + i + "].funder", c == null ? null : c.funder());
                var coAmount = f.positiveAmount("coFinancing[" + i + "].amount", c == null ? null : c.amount());
                if (funder != null && coAmount != null) {
                    coFinancing.add(new CoFinancing(funder, coAmount));
                }
            }
        }
        var signedOn = f.date("signedOn", r.signedOn());
        var effectiveOn = f.optionalDate("effectiveOn", r.effectiveOn());
        var endsOn = f.optionalDate("endsOn", r.endsOn());
        // Absent: the period bounds the commitments only, as every convention did before the field existed.
        PeriodCovers periodCovers = f.optionalEnum("periodCovers", r.periodCovers(), PeriodCovers.class);
        f.throwIfInvalid();
        return new SignConvention(id, title, contributor, beneficiary, fund, amount, mode, tranches, coFinancing,
                signedOn, effectiveOn, endsOn, periodCovers);
    }

    private static List<Tranche> tranches(Fields f, List<TrancheBody> bodies) {
        List<Tranche> tranches = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            Tranche tranche = tranche(f, "tranches[" + i + "]", bodies.get(i));
            if (tranche != null) {
                tranches.add(tranche);
            }
        }
        return tranches;
    }

    private static Tranche tranche(Fields f, String path, TrancheBody t) {
        if (!f.present(path, t)) {
            return null;
        }
        if (t.number() == null) {
            f.reject(path + ".number", "FIELD_REQUIRED", path + ".number is required");
        }
        var amount = f.positiveAmount(path + ".amount", t.amount());
        TrancheTrigger trigger = f.enumValue(path + ".trigger", t.trigger(), TrancheTrigger.class);
        var threshold = f.optionalPositiveAmount(path + ".threshold", t.threshold());
        ConsumptionBasis basis = f.optionalEnum(path + ".basis", t.basis(), ConsumptionBasis.class);
        return t.number() == null || amount == null || trigger == null ? null
                : new Tranche(t.number(), amount, trigger, threshold, basis);
    }

    static ReceivePayment receive(String conventionId, ReceivePaymentRequest r) {
        Fields f = new Fields();
        String id = f.identifier("receiptId", r.receiptId());
        var amount = f.positiveAmount("amount", r.amount());
        var on = f.date("receivedOn", r.receivedOn());
        String reference = f.optionalText("reference", r.reference());
        if (r.trancheNumber() != null && r.trancheNumber() < 1) {
            f.reject("trancheNumber", "TRANCHE_NUMBER_INVALID", "trancheNumber must be 1 or more");
        }
        f.throwIfInvalid();
        return new ReceivePayment(conventionId, id, amount, on, r.trancheNumber(), reference,
                Boolean.TRUE.equals(r.overpayment()));
    }

    static OpenCredits open(String conventionId, OpenCreditsRequest r) {
        Fields f = new Fields();
        String id = f.identifier("openingId", r.openingId());
        var ae = f.nonNegativeAmount("ae", r.ae());
        var cp = f.nonNegativeAmount("cp", r.cp());
        if (ae != null && cp != null && ae.isZero() && cp.isZero()) {
            f.reject("ae", "AMOUNT_NOT_POSITIVE", "ae and cp are both zero: nothing is opened");
        }
        var on = f.date("openedOn", r.openedOn());
        String arrete = f.text("arreteReference", r.arreteReference());
        f.throwIfInvalid();
        return new OpenCredits(conventionId, id, ae, cp, on, arrete);
    }

    static CommitAe commit(String conventionId, CommitAeRequest r) {
        Fields f = new Fields();
        EjNumber ej = f.required("ejNumber", r.ejNumber(), EjNumber::of);
        var amount = f.positiveAmount("amount", r.amount());
        var on = f.date("committedOn", r.committedOn());
        Supplier supplier = null;
        if (f.present("supplier", r.supplier())) {
            String name = f.text("supplier.name", r.supplier().name());
            Siret siret = f.optional("supplier.siret", r.supplier().siret(), Siret::of);
            supplier = name == null ? null : new Supplier(name, siret);
        }
        String object = f.freeText("object", r.object());
        String marche = f.optionalText("marche", r.marche());
        f.throwIfInvalid();
        return new CommitAe(conventionId, ej, amount, on, supplier, object, marche);
    }

    static ReleaseAe release(String conventionId, String ejNumber, ReleaseAeRequest r) {
        Fields f = new Fields();
        EjNumber ej = f.required("ejNumber", ejNumber, EjNumber::of);
        String id = f.identifier("releaseId", r.releaseId());
        var amount = f.positiveAmount("amount", r.amount());
        var on = f.date("releasedOn", r.releasedOn());
        String reason = f.freeText("reason", r.reason());
        f.throwIfInvalid();
        return new ReleaseAe(conventionId, ej, id, amount, on, reason);
    }

    static PayCp pay(String conventionId, PayCpRequest r) {
        Fields f = new Fields();
        DpNumber dp = f.required("dpNumber", r.dpNumber(), DpNumber::of);
        EjNumber ej = f.required("ejNumber", r.ejNumber(), EjNumber::of);
        var amount = f.positiveAmount("amount", r.amount());
        var serviceFait = f.date("serviceFaitOn", r.serviceFaitOn());
        var paidOn = f.date("paidOn", r.paidOn());
        String invoice = f.optionalText("invoiceReference", r.invoiceReference());
        f.throwIfInvalid();
        return new PayCp(conventionId, dp, ej, amount, serviceFait, paidOn, invoice);
    }

    static CloseConvention close(String conventionId, CloseConventionRequest r) {
        Fields f = new Fields();
        var on = f.date("closedOn", r.closedOn());
        f.throwIfInvalid();
        return new CloseConvention(conventionId, on);
    }

    static RestituteFunds restitute(String conventionId, RestituteFundsRequest r) {
        Fields f = new Fields();
        String id = f.identifier("restitutionId", r.restitutionId());
        var amount = f.positiveAmount("amount", r.amount());
        var on = f.date("restitutedOn", r.restitutedOn());
        String reference = f.optionalText("reference", r.reference());
        f.throwIfInvalid();
        return new RestituteFunds(conventionId, id, amount, on, reference);
    }

    static CallForFunds callForFunds(String conventionId, CallForFundsRequest r) {
        Fields f = new Fields();
        String id = f.identifier("callId", r.callId());
        if (r.trancheNumber() == null || r.trancheNumber() < 1) {
            f.reject("trancheNumber", r.trancheNumber() == null ? "FIELD_REQUIRED" : "TRANCHE_NUMBER_INVALID",
                    "trancheNumber is required, 1 or more");
        }
        var on = f.date("calledOn", r.calledOn());
        f.throwIfInvalid();
        return new CallForFunds(conventionId, id, r.trancheNumber(), on);
    }

    static AmendConvention amend(String conventionId, AmendConventionRequest r) {
        Fields f = new Fields();
        String id = f.identifier("amendmentId", r.amendmentId());
        var signedOn = f.date("signedOn", r.signedOn());
        String summary = f.freeText("summary", r.summary());
        var amount = f.optionalPositiveAmount("amount", r.amount());
        var endsOn = f.optionalDate("endsOn", r.endsOn());
        List<Tranche> tranches = r.tranches() == null ? null : tranches(f, r.tranches());
        f.throwIfInvalid();
        return new AmendConvention(conventionId, id, signedOn, summary, amount, endsOn, tranches);
    }

    static TerminateConvention terminate(String conventionId, TerminateConventionRequest r) {
        Fields f = new Fields();
        var on = f.date("terminatedOn", r.terminatedOn());
        String reason = f.freeText("reason", r.reason());
        f.throwIfInvalid();
        return new TerminateConvention(conventionId, on, reason);
    }
}
