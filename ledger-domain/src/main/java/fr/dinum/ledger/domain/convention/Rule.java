package fr.dinum.ledger.domain.convention;

/**
 * The rules the Convention aggregate enforces. Each constant's name is the stable rejection code
 * that clients receive; never rename one. docs/reference/rejection-codes.md gives each formula.
 */
public enum Rule {
    // Signature and terms.
    TRANCHES_NOT_EQUAL_TO_AMOUNT("the tranche amounts sum to the convention amount"),
    TRANCHE_NUMBERS_NOT_SEQUENTIAL("tranches are numbered 1, 2, ... n, each once"),
    TRANCHE_THRESHOLD_INVALID("an ON_CONSUMPTION tranche has a positive threshold, other tranches have none"),
    REIMBURSEMENT_TRANCHES_INVALID("a REIMBURSEMENT convention is paid once, at the end: its tranches are ON_CLOSING"),
    ADVANCE_TRANCHES_INVALID("an ADVANCE convention spends only what it received: it has no ON_CLOSING tranche"),
    PERIOD_INVALID("signedOn <= effectiveOn <= endsOn, and no EJ committed (nor paid, when the period covers payments) after endsOn"),
    AMOUNT_NOT_POSITIVE("the amount is greater than zero"),

    // Dates shared by every fact.
    BUSINESS_DATE_IN_FUTURE("a business date is not after today"),
    BUSINESS_DATE_BEFORE_SIGNATURE("a fact is not dated before the convention's signature"),

    // Status.
    CONVENTION_CLOSED("after closure only restitutions, credit openings, the ON_CLOSING tranche, ERDAs and their signatures are recorded"),

    // Receipts (rule 1).
    RECEIPTS_EXCEED_AMOUNT("received + amount <= convention amount"),
    UNKNOWN_TRANCHE("a receipt names a tranche of the schedule"),
    TRANCHE_NOT_PAYABLE("a receipt applies to a payable tranche: ON_SIGNATURE at once, others once called and dated on or after the call"),
    RECEIPT_EXCEEDS_TRANCHE("received on the tranche + amount <= amount payable on the tranche"),
    NO_PAYABLE_TRANCHE("without a tranche number, some payable tranche still has money outstanding"),

    // Credit openings (rule 2).
    CREDITS_WITHOUT_FUND("credits are opened only for a convention on a fund"),
    AE_OPENED_EXCEEDS_RECEIVED("at every date from openedOn on: AE opened <= received"),
    CP_OPENED_EXCEEDS_RECEIVED("at every date from openedOn on: CP opened <= received"),

    // Commitments (rule 3).
    COMMITMENT_OUTSIDE_PERIOD("start of the period (effectiveOn, else signedOn) <= committedOn <= endsOn in force at every date from committedOn on"),
    AE_EXCEEDS_AVAILABLE("at every date from committedOn on: net AE (+ an advance's restitutions) <= AE opened, received or the ceiling in force"),

    // Payments (rule 4).
    UNKNOWN_COMMITMENT("a payment or a release refers to an EJ of the convention"),
    CP_EXCEEDS_COMMITMENT("CP paid on the EJ + amount <= net AE of the EJ"),
    CP_EXCEEDS_AVAILABLE("at every date from paidOn on: CP paid (+ an advance's restitutions) <= CP opened, received or the ceiling in force"),
    PAYMENT_DATES_OUT_OF_ORDER("committedOn <= serviceFaitOn <= paidOn"),
    PAYMENT_OUTSIDE_PERIOD("when the period covers payments: start of the period <= serviceFaitOn, and serviceFaitOn and paidOn <= endsOn in force at every date from their own on"),

    // Releases (rule 5).
    RELEASE_EXCEEDS_UNPAID("amount <= net AE of the EJ - CP paid on the EJ"),
    RELEASE_BEFORE_COMMITMENT("releasedOn >= committedOn of the EJ"),

    // Thresholds and appels de fonds (rule 6).
    TRANCHE_NOT_CALLABLE("only ON_CONSUMPTION tranches (once reached) and ON_CLOSING tranches (after closure) are called"),
    TRANCHE_THRESHOLD_NOT_REACHED("consumption on the tranche's basis >= threshold, reached on or before calledOn"),
    TRANCHE_ALREADY_CALLED("a tranche is called once"),
    NOTHING_TO_CALL("the amount called is greater than zero"),

    // Amendments (rule 7).
    AMENDMENT_EMPTY("an avenant changes the amount, the end date or the tranches"),
    AMENDMENT_OUT_OF_ORDER("an avenant is dated on or after the previous one"),
    AMENDMENT_BELOW_RECEIVED("at every date from the avenant on: new amount >= received"),
    AMENDMENT_BELOW_COMMITTED("at every date from the avenant on: new amount >= net AE committed"),
    AMENDMENT_TRANCHE_BELOW_RECEIVED("each tranche's new amount >= what was received on it"),
    AMENDMENT_CHANGES_CALLED_TRANCHE("a tranche already called keeps its amount, trigger, threshold and basis"),

    // Termination (rule 8).
    COMMITMENT_AFTER_TERMINATION("no commitment once the convention is terminated"),
    TERMINATION_BEFORE_LAST_COMMITMENT("terminatedOn >= committedOn of every EJ"),

    // Closure (rule 9).
    CLOSURE_WITH_RESTES_A_PAYER("every EJ is fully paid or released: restes a payer = 0"),
    CLOSURE_BEFORE_LAST_FACT("closedOn >= the business date of every recorded fact (movements, avenants, calls, termination)"),

    // Restitution (rule 10).
    RESTITUTION_BEFORE_CLOSURE("restitution only after closure or termination, dated on or after it"),
    RESTITUTION_EXCEEDS_DUE("amount <= restitution due"),
    RESTITUTION_ACCOUNT_MISSING("the contributor has a validated restitution account"),
    // ERDA (DOMAIN.md "What it reports").
    ERDA_FINAL_BEFORE_CLOSURE("the final ERDA is issued once the convention is closed, as of a date on or after the closure"),
    UNKNOWN_ERDA("a signature names an ERDA issued for the convention"),
    ERDA_ALREADY_SIGNED("each role signs an ERDA once"),
    ERDA_SIGNED_BEFORE_ISSUE("signedOn >= the ERDA's date of issue"),
    ERDA_ISSUED_BEFORE_AS_OF("an ERDA is issued on or after the date it is drawn up to: issuedOn >= asOf"),

    RESTITUTION_EXCEEDS_CREDITS("a restitution cancels the credits its money opened (on a fund, or an advance's money without one): at every date from restitutedOn on, amount <= AE remaining and <= CP remaining (opened - consumed - cancelled)");

    private final String formula;

    Rule(String formula) {
        this.formula = formula;
    }

    /** The rule in one line, as documented: used in error details so a refusal explains itself. */
    public String formula() {
        return formula;
    }
}
