package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionCommand.CloseConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.CommitAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.OpenCredits;
import fr.dinum.ledger.domain.convention.ConventionCommand.PayCp;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReceivePayment;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReleaseAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.RestituteFunds;
import fr.dinum.ledger.domain.convention.ConventionCommand.SignConvention;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeCommitted;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeReleased;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionClosed;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSettled;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.ConventionEvent.CpPaid;
import fr.dinum.ledger.domain.convention.ConventionEvent.CreditsOpened;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsRestituted;
import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import fr.dinum.ledger.domain.convention.Terms.Supplier;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.values.DpNumber;
import fr.dinum.ledger.domain.values.EjNumber;
import fr.dinum.ledger.domain.values.Siret;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static fr.dinum.ledger.domain.convention.Seeds.date;
import static fr.dinum.ledger.domain.convention.Seeds.eur;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the Convention aggregate, each in a nested class named after its rejection code,
 * with what the rule allows and what it refuses.
 */
class ConventionRulesTest {

    /** Today, for every test: business dates after it are refused. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneId.of("Europe/Paris"));

    static final String CEREMA = "CEREMA-2020-FRICHES";
    static final EjNumber EJ1 = EjNumber.of("1300000001");
    static final EjNumber EJ2 = EjNumber.of("1300000002");
    static final Supplier SUPPLIER = new Supplier("Octo Technology", Siret.of("13002603200016"));

    FixtureConfiguration<Convention> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Convention.class);
        fixture.registerInjectableResource(CLOCK);
    }

    // -------- event and command builders for the Cerema convention (ADVANCE, on the fund, ends 2021-05-31)

    static ConventionSigned signed(SignConvention c) {
        return new ConventionSigned(c.conventionId(), c.title(), c.contributor(), c.beneficiary(), c.fund(),
                c.amount(), c.fundingMode(), c.tranches(), c.coFinancing(), c.signedOn(), c.effectiveOn(), c.endsOn(),
                c.periodCovers());
    }

    static PaymentReceived received(String id, String amount, String on) {
        return new PaymentReceived(CEREMA, id, eur(amount), date(on), 1, null);
    }

    static CreditsOpened opened(String id, String ae, String cp, String on) {
        return new CreditsOpened(CEREMA, id, eur(ae), eur(cp), date(on), "Arrêté " + id);
    }

    static AeCommitted committed(EjNumber ej, String amount, String on) {
        return new AeCommitted(CEREMA, ej, eur(amount), date(on), SUPPLIER, "Coaching", null);
    }

    static CpPaid paid(String dp, EjNumber ej, String amount, String on) {
        return new CpPaid(CEREMA, DpNumber.of(dp), ej, eur(amount), date(on), date(on), null);
    }

    static CommitAe commit(EjNumber ej, String amount, String on) {
        return new CommitAe(CEREMA, ej, eur(amount), date(on), SUPPLIER, "Coaching", null);
    }

    static PayCp pay(String dp, EjNumber ej, String amount, String on) {
        return new PayCp(CEREMA, DpNumber.of(dp), ej, eur(amount), date(on), date(on), null);
    }

    /** Cerema signed, 200 000 received, 150 000 AE and 100 000 CP opened. */
    List<Object> funded() {
        return new ArrayList<>(List.of(signed(Seeds.cerema()), received("R1", "200000.00", "2020-09-10"),
                opened("O1", "150000.00", "100000.00", "2020-09-15")));
    }

    List<Object> with(List<Object> events, Object... more) {
        List<Object> all = new ArrayList<>(events);
        all.addAll(List.of(more));
        return all;
    }

    static void refusedBy(ResultValidator<Convention> result, Rule rule) {
        result.expectNoEvents().expectException(Matchers.predicate(
                e -> e instanceof RuleViolation violation && violation.rule() == rule));
    }

    // -------------------------------------------------------------------------------------------------

    @Nested
    class SignatureAndIdempotency {
        @Test
        void each_seed_convention_is_signed() {
            for (SignConvention seed : List.of(Seeds.pau(), Seeds.oise(), Seeds.cerema(), Seeds.anct(),
                    Seeds.pasDeCalais())) {
                new AggregateTestFixture<>(Convention.class).registerInjectableResource(CLOCK)
                        .givenNoPriorActivity().when(seed).expectEvents(signed(seed))
                        .expectResultMessagePayloadMatching(Matchers.predicate(
                                r -> ((CommandOutcome) r).recorded()
                                        && ((CommandOutcome) r).balance().status() == ConventionStatus.ACTIVE));
            }
        }

        @Test
        void IDENTIFIER_REUSED_the_same_signature_twice_is_recorded_once() {
            fixture.given(signed(Seeds.cerema())).when(Seeds.cerema()).expectNoEvents()
                    .expectResultMessagePayloadMatching(Matchers.predicate(r -> !((CommandOutcome) r).recorded()));
        }

        @Test
        void IDENTIFIER_REUSED_a_signature_with_other_terms_names_the_differing_fields() {
            SignConvention other = Seeds.cerema();
            other = new SignConvention(other.conventionId(), "Autre titre", other.contributor(), other.beneficiary(),
                    other.fund(), other.amount(), other.fundingMode(), other.tranches(), other.coFinancing(),
                    other.signedOn(), other.effectiveOn(), date("2021-06-30"), other.periodCovers());
            fixture.given(signed(Seeds.cerema())).when(other).expectNoEvents()
                    .expectException(Matchers.predicate(e -> e instanceof IdentifierConflict conflict
                            && conflict.differingFields().equals(List.of("title", "endsOn"))));
        }

        @Test
        void IDENTIFIER_REUSED_a_signature_whose_period_covers_something_else_names_periodCovers() {
            SignConvention other = Seeds.cerema();
            other = new SignConvention(other.conventionId(), other.title(), other.contributor(), other.beneficiary(),
                    other.fund(), other.amount(), other.fundingMode(), other.tranches(), other.coFinancing(),
                    other.signedOn(), other.effectiveOn(), other.endsOn(), PeriodCovers.COMMITMENTS);
            fixture.given(signed(Seeds.cerema())).when(other).expectNoEvents()
                    .expectException(Matchers.predicate(e -> e instanceof IdentifierConflict conflict
                            && conflict.differingFields().equals(List.of("periodCovers"))));
        }

        @Test
        void IDENTIFIER_REUSED_a_receipt_sent_twice_is_recorded_once_and_a_different_one_refused() {
            fixture.given(funded()).when(new ReceivePayment(CEREMA, "R1", eur("200000.00"), date("2020-09-10"), null, null))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(Matchers.predicate(r -> !((CommandOutcome) r).recorded()));
            fixture.given(funded()).when(new ReceivePayment(CEREMA, "R1", eur("100.00"), date("2020-09-10"), null, null))
                    .expectException(Matchers.predicate(e -> e instanceof IdentifierConflict conflict
                            && conflict.differingFields().equals(List.of("amount"))));
        }
    }

    @Nested
    class TRANCHES_NOT_EQUAL_TO_AMOUNT {
        @Test
        void refused() {
            SignConvention s = Seeds.cerema();
            refusedBy(fixture.givenNoPriorActivity().when(new SignConvention(s.conventionId(), s.title(), s.contributor(),
                    s.beneficiary(), s.fund(), eur("200000.01"), s.fundingMode(), s.tranches(), s.coFinancing(),
                    s.signedOn(), s.effectiveOn(), s.endsOn())), Rule.TRANCHES_NOT_EQUAL_TO_AMOUNT);
        }

        @Test
        void allowed_when_three_tranches_sum_to_the_amount() {
            fixture.givenNoPriorActivity().when(Seeds.anct()).expectEvents(signed(Seeds.anct()));
        }
    }

    @Nested
    class TRANCHE_NUMBERS_NOT_SEQUENTIAL {
        @Test
        void allowed_when_numbered_one_to_n() {
            fixture.givenNoPriorActivity().when(Seeds.anct()).expectSuccessfulHandlerExecution();
        }

        @Test
        void refused() {
            SignConvention s = Seeds.cerema();
            refusedBy(fixture.givenNoPriorActivity().when(new SignConvention(s.conventionId(), s.title(), s.contributor(),
                    s.beneficiary(), s.fund(), s.amount(), s.fundingMode(), List.of(Seeds.onSignature(2, "200000.00")),
                    s.coFinancing(), s.signedOn(), s.effectiveOn(), s.endsOn())), Rule.TRANCHE_NUMBERS_NOT_SEQUENTIAL);
        }
    }

    @Nested
    class TRANCHE_THRESHOLD_INVALID {
        @Test
        void allowed_with_thresholds_on_consumption_tranches_only() {
            fixture.givenNoPriorActivity().when(Seeds.anct()).expectEvents(signed(Seeds.anct()));
        }

        @Test
        void refused_for_a_signature_tranche_with_a_threshold() {
            SignConvention s = Seeds.cerema();
            refusedBy(fixture.givenNoPriorActivity().when(new SignConvention(s.conventionId(), s.title(), s.contributor(),
                    s.beneficiary(), s.fund(), s.amount(), s.fundingMode(),
                    List.of(new Tranche(1, eur("200000.00"), TrancheTrigger.ON_SIGNATURE, eur("1.00"), null)),
                    s.coFinancing(), s.signedOn(), s.effectiveOn(), s.endsOn())), Rule.TRANCHE_THRESHOLD_INVALID);
        }

        @Test
        void refused_for_a_consumption_tranche_without_threshold() {
            SignConvention s = Seeds.anct();
            List<Tranche> tranches = List.of(s.tranches().get(0), s.tranches().get(1),
                    new Tranche(3, eur("400000.00"), TrancheTrigger.ON_CONSUMPTION, null, null));
            refusedBy(fixture.givenNoPriorActivity().when(new SignConvention(s.conventionId(), s.title(), s.contributor(),
                    s.beneficiary(), s.fund(), s.amount(), s.fundingMode(), tranches, s.coFinancing(), s.signedOn(),
                    s.effectiveOn(), s.endsOn())), Rule.TRANCHE_THRESHOLD_INVALID);
        }
    }

    @Nested
    class REIMBURSEMENT_TRANCHES_INVALID {
        @Test
        void refused_for_a_reimbursement_paid_at_signature() {
            SignConvention s = Seeds.pasDeCalais();
            refusedBy(fixture.givenNoPriorActivity().when(new SignConvention(s.conventionId(), s.title(), s.contributor(),
                    s.beneficiary(), s.fund(), s.amount(), s.fundingMode(), List.of(Seeds.onSignature(1, "9000.00")),
                    s.coFinancing(), s.signedOn(), s.effectiveOn(), s.endsOn())), Rule.REIMBURSEMENT_TRANCHES_INVALID);
        }

        @Test
        void allowed_with_a_closing_tranche() {
            fixture.givenNoPriorActivity().when(Seeds.pasDeCalais()).expectEvents(signed(Seeds.pasDeCalais()));
        }
    }

    @Nested
    class PERIOD_INVALID {
        @Test
        void allowed_when_the_effective_date_follows_the_signature() {
            SignConvention s = Seeds.cerema();
            SignConvention effective = new SignConvention(s.conventionId(), s.title(), s.contributor(), s.beneficiary(),
                    s.fund(), s.amount(), s.fundingMode(), s.tranches(), s.coFinancing(), s.signedOn(),
                    date("2020-09-15"), s.endsOn());
            fixture.givenNoPriorActivity().when(effective).expectEvents(signed(effective));
        }

        @Test
        void refused_when_the_effective_date_precedes_the_signature() {
            SignConvention s = Seeds.cerema();
            refusedBy(fixture.givenNoPriorActivity().when(new SignConvention(s.conventionId(), s.title(), s.contributor(),
                    s.beneficiary(), s.fund(), s.amount(), s.fundingMode(), s.tranches(), s.coFinancing(), s.signedOn(),
                    date("2020-09-01"), s.endsOn())), Rule.PERIOD_INVALID);
        }

        @Test
        void refused_when_the_end_precedes_the_signature() {
            SignConvention s = Seeds.cerema();
            refusedBy(fixture.givenNoPriorActivity().when(new SignConvention(s.conventionId(), s.title(), s.contributor(),
                    s.beneficiary(), s.fund(), s.amount(), s.fundingMode(), s.tranches(), s.coFinancing(), s.signedOn(),
                    null, date("2020-09-02"))), Rule.PERIOD_INVALID);
        }
    }

    @Nested
    class BUSINESS_DATE_IN_FUTURE {
        @Test
        void refused_for_a_receipt_dated_tomorrow() {
            refusedBy(fixture.given(signed(Seeds.cerema()))
                    .when(new ReceivePayment(CEREMA, "R1", eur("10.00"), date("2026-11-23"), null, null)),
                    Rule.BUSINESS_DATE_IN_FUTURE);
        }

        @Test
        void allowed_for_a_receipt_dated_today() {
            fixture.given(signed(Seeds.cerema()))
                    .when(new ReceivePayment(CEREMA, "R1", eur("10.00"), date("2026-11-22"), null, null))
                    .expectEvents(new PaymentReceived(CEREMA, "R1", eur("10.00"), date("2026-11-22"), 1, null));
        }
    }

    @Nested
    class BUSINESS_DATE_BEFORE_SIGNATURE {
        @Test
        void allowed_on_the_day_of_the_signature() {
            fixture.given(signed(Seeds.cerema()))
                    .when(new ReceivePayment(CEREMA, "R1", eur("10.00"), date("2020-09-03"), null, null))
                    .expectEvents(new PaymentReceived(CEREMA, "R1", eur("10.00"), date("2020-09-03"), 1, null));
        }

        @Test
        void refused() {
            refusedBy(fixture.given(signed(Seeds.cerema()))
                    .when(new ReceivePayment(CEREMA, "R1", eur("10.00"), date("2020-09-02"), null, null)),
                    Rule.BUSINESS_DATE_BEFORE_SIGNATURE);
        }
    }

    @Nested
    class RECEIPTS_EXCEED_AMOUNT {
        @Test
        void allowed_up_to_the_amount() {
            fixture.given(signed(Seeds.cerema()))
                    .when(new ReceivePayment(CEREMA, "R1", eur("200000.00"), date("2020-09-10"), 1, "virement"))
                    .expectEvents(new PaymentReceived(CEREMA, "R1", eur("200000.00"), date("2020-09-10"), 1, "virement"));
        }

        @Test
        void refused_one_cent_beyond() {
            refusedBy(fixture.given(signed(Seeds.cerema()), received("R1", "150000.00", "2020-09-10"))
                    .when(new ReceivePayment(CEREMA, "R2", eur("50000.01"), date("2020-09-11"), null, null)),
                    Rule.RECEIPTS_EXCEED_AMOUNT);
        }
    }

    @Nested
    class TRANCHE_NOT_PAYABLE {
        @Test
        void allowed_on_a_signature_tranche_at_once() {
            fixture.given(signed(Seeds.anct()))
                    .when(new ReceivePayment("ANCT-2020-INCUBATEUR", "R1", eur("800000.00"), date("2020-06-01"), 1, null))
                    .expectEvents(new PaymentReceived("ANCT-2020-INCUBATEUR", "R1", eur("800000.00"), date("2020-06-01"), 1, null));
        }

        @Test
        void refused_for_a_consumption_tranche_not_called() {
            refusedBy(fixture.given(signed(Seeds.anct()))
                    .when(new ReceivePayment("ANCT-2020-INCUBATEUR", "R1", eur("400000.00"), date("2020-06-01"), 2, null)),
                    Rule.TRANCHE_NOT_PAYABLE);
        }

        @Test
        void refused_for_a_closing_tranche_before_closure() {
            refusedBy(fixture.given(signed(Seeds.pasDeCalais()))
                    .when(new ReceivePayment("PDC-2020-PREINCUBATION", "R1", eur("9000.00"), date("2020-07-01"), 1, null)),
                    Rule.TRANCHE_NOT_PAYABLE);
        }
    }

    @Nested
    class UNKNOWN_TRANCHE {
        @Test
        void allowed_for_a_tranche_of_the_schedule() {
            fixture.given(signed(Seeds.cerema()))
                    .when(new ReceivePayment(CEREMA, "R1", eur("10.00"), date("2020-09-10"), 1, null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refused() {
            refusedBy(fixture.given(signed(Seeds.cerema()))
                    .when(new ReceivePayment(CEREMA, "R1", eur("10.00"), date("2020-09-10"), 4, null)),
                    Rule.UNKNOWN_TRANCHE);
        }
    }

    @Nested
    class RECEIPT_EXCEEDS_TRANCHE {
        @Test
        void allowed_up_to_the_tranche_amount() {
            fixture.given(signed(Seeds.anct()),
                            new PaymentReceived("ANCT-2020-INCUBATEUR", "R1", eur("500000.00"), date("2020-06-01"), 1, null))
                    .when(new ReceivePayment("ANCT-2020-INCUBATEUR", "R2", eur("300000.00"), date("2020-06-02"), 1, null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refused_beyond_the_signature_tranche_of_the_anct() {
            refusedBy(fixture.given(signed(Seeds.anct()))
                    .when(new ReceivePayment("ANCT-2020-INCUBATEUR", "R1", eur("800000.01"), date("2020-06-01"), 1, null)),
                    Rule.RECEIPT_EXCEEDS_TRANCHE);
        }
    }

    @Nested
    class NO_PAYABLE_TRANCHE {
        @Test
        void allowed_without_a_number_while_the_signature_tranche_has_money_outstanding() {
            fixture.given(signed(Seeds.anct()),
                            new PaymentReceived("ANCT-2020-INCUBATEUR", "R1", eur("500000.00"), date("2020-06-01"), 1, null))
                    .when(new ReceivePayment("ANCT-2020-INCUBATEUR", "R2", eur("300000.00"), date("2020-06-02"), null, null))
                    .expectEvents(new PaymentReceived("ANCT-2020-INCUBATEUR", "R2", eur("300000.00"), date("2020-06-02"), 1, null));
        }

        @Test
        void refused_once_the_signature_tranche_is_fully_received() {
            refusedBy(fixture.given(signed(Seeds.anct()),
                            new PaymentReceived("ANCT-2020-INCUBATEUR", "R1", eur("800000.00"), date("2020-06-01"), 1, null))
                    .when(new ReceivePayment("ANCT-2020-INCUBATEUR", "R2", eur("1.00"), date("2020-06-02"), null, null)),
                    Rule.NO_PAYABLE_TRANCHE);
        }
    }

    @Nested
    class CREDITS_WITHOUT_FUND {
        @Test
        void allowed_for_a_convention_on_the_fund() {
            fixture.given(signed(Seeds.cerema()), received("R1", "200000.00", "2020-09-10"))
                    .when(new OpenCredits(CEREMA, "O1", eur("100.00"), eur("100.00"), date("2020-09-15"), "A"))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refused_for_the_oise_which_pays_the_anct() {
            refusedBy(fixture.given(signed(Seeds.oise()),
                            new PaymentReceived("OISE-2021-ANTI-GASPI", "R1", eur("20000.00"), date("2021-02-01"), 1, null))
                    .when(new OpenCredits("OISE-2021-ANTI-GASPI", "O1", eur("100.00"), eur("100.00"), date("2021-02-02"), "A")),
                    Rule.CREDITS_WITHOUT_FUND);
        }
    }

    @Nested
    class AE_OPENED_EXCEEDS_RECEIVED {
        @Test
        void allowed_up_to_what_was_received() {
            fixture.given(signed(Seeds.cerema()), received("R1", "200000.00", "2020-09-10"))
                    .when(new OpenCredits(CEREMA, "O1", eur("200000.00"), eur("0.00"), date("2020-09-15"), "A"))
                    .expectEvents(new CreditsOpened(CEREMA, "O1", eur("200000.00"), eur("0.00"), date("2020-09-15"), "A"));
        }

        @Test
        void refused_beyond_what_was_received() {
            refusedBy(fixture.given(signed(Seeds.cerema()), received("R1", "100000.00", "2020-09-10"))
                    .when(new OpenCredits(CEREMA, "O1", eur("100000.01"), eur("0.00"), date("2020-09-15"), "A")),
                    Rule.AE_OPENED_EXCEEDS_RECEIVED);
        }

        @Test
        void refused_when_dated_before_the_money_arrived() {
            refusedBy(fixture.given(signed(Seeds.cerema()), received("R1", "100000.00", "2020-10-01"))
                    .when(new OpenCredits(CEREMA, "O1", eur("100000.00"), eur("0.00"), date("2020-09-15"), "A")),
                    Rule.AE_OPENED_EXCEEDS_RECEIVED);
        }
    }

    @Nested
    class CP_OPENED_EXCEEDS_RECEIVED {
        @Test
        void allowed_up_to_what_was_received() {
            fixture.given(funded())
                    .when(new OpenCredits(CEREMA, "O2", eur("0.00"), eur("100000.00"), date("2020-09-20"), "A"))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refused_beyond_what_was_received() {
            refusedBy(fixture.given(funded())
                    .when(new OpenCredits(CEREMA, "O2", eur("0.00"), eur("100000.01"), date("2020-09-20"), "A")),
                    Rule.CP_OPENED_EXCEEDS_RECEIVED);
        }
    }

    @Nested
    class AE_EXCEEDS_AVAILABLE {
        @Test
        void allowed_up_to_the_ae_opened() {
            fixture.given(funded()).when(commit(EJ1, "150000.00", "2020-10-01"))
                    .expectEvents(committed(EJ1, "150000.00", "2020-10-01"));
        }

        @Test
        void refused_beyond_the_ae_opened() {
            refusedBy(fixture.given(with(funded(), committed(EJ1, "150000.00", "2020-10-01")))
                    .when(commit(EJ2, "0.01", "2020-10-02")), Rule.AE_EXCEEDS_AVAILABLE);
        }

        @Test
        void allowed_again_after_a_release() {
            fixture.given(with(funded(), committed(EJ1, "150000.00", "2020-10-01"),
                            new AeReleased(CEREMA, EJ1, "L1", eur("50000.00"), date("2020-10-05"), "trop engagé")))
                    .when(commit(EJ2, "50000.00", "2020-10-06"))
                    .expectEvents(committed(EJ2, "50000.00", "2020-10-06"));
        }

        @Test
        void refused_for_a_reimbursement_beyond_its_ceiling() {
            refusedBy(fixture.given(signed(Seeds.pasDeCalais()))
                    .when(new CommitAe("PDC-2020-PREINCUBATION", EJ1, eur("9000.01"), date("2020-07-01"), SUPPLIER, "x", null)),
                    Rule.AE_EXCEEDS_AVAILABLE);
        }

        @Test
        void refused_without_a_fund_beyond_what_was_received() {
            refusedBy(fixture.given(signed(Seeds.oise()),
                            new PaymentReceived("OISE-2021-ANTI-GASPI", "R1", eur("20000.00"), date("2021-02-01"), 1, null))
                    .when(new CommitAe("OISE-2021-ANTI-GASPI", EJ1, eur("20000.01"), date("2021-02-02"), SUPPLIER, "x", null)),
                    Rule.AE_EXCEEDS_AVAILABLE);
        }
    }

    @Nested
    class COMMITMENT_OUTSIDE_PERIOD {
        @Test
        void refused_after_the_end_date() {
            refusedBy(fixture.given(funded()).when(commit(EJ1, "10.00", "2021-06-01")), Rule.COMMITMENT_OUTSIDE_PERIOD);
        }

        @Test
        void allowed_on_the_end_date() {
            fixture.given(funded()).when(commit(EJ1, "10.00", "2021-05-31")).expectEvents(committed(EJ1, "10.00", "2021-05-31"));
        }
    }

    @Nested
    class UNKNOWN_COMMITMENT {
        @Test
        void allowed_for_a_payment_on_an_ej_of_the_convention() {
            fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01")))
                    .when(pay("100000001", EJ1, "10.00", "2020-10-01")).expectSuccessfulHandlerExecution();
        }

        @Test
        void refused_for_a_release_on_an_unknown_ej() {
            refusedBy(fixture.given(funded()).when(new ReleaseAe(CEREMA, EJ1, "L1", eur("1.00"), date("2020-10-01"), "x")),
                    Rule.UNKNOWN_COMMITMENT);
        }

        @Test
        void refused_for_a_payment_on_an_unknown_ej() {
            refusedBy(fixture.given(funded()).when(pay("100000001", EJ1, "10.00", "2020-10-01")), Rule.UNKNOWN_COMMITMENT);
        }
    }

    @Nested
    class CP_EXCEEDS_COMMITMENT {
        @Test
        void allowed_up_to_the_net_ae_of_the_ej() {
            fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01")))
                    .when(pay("100000001", EJ1, "50000.00", "2020-11-01"))
                    .expectEvents(paid("100000001", EJ1, "50000.00", "2020-11-01"));
        }

        @Test
        void refused_beyond_the_net_ae_of_the_ej() {
            refusedBy(fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01"),
                            paid("100000001", EJ1, "30000.00", "2020-11-01")))
                    .when(pay("100000002", EJ1, "20000.01", "2020-11-02")), Rule.CP_EXCEEDS_COMMITMENT);
        }
    }

    @Nested
    class CP_EXCEEDS_AVAILABLE {
        @Test
        void allowed_up_to_the_cp_opened() {
            fixture.given(with(funded(), committed(EJ1, "150000.00", "2020-10-01")))
                    .when(pay("100000001", EJ1, "100000.00", "2020-11-01"))
                    .expectEvents(paid("100000001", EJ1, "100000.00", "2020-11-01"));
        }

        @Test
        void refused_beyond_the_cp_opened() {
            refusedBy(fixture.given(with(funded(), committed(EJ1, "150000.00", "2020-10-01"),
                            paid("100000001", EJ1, "100000.00", "2020-11-01")))
                    .when(pay("100000002", EJ1, "0.01", "2020-11-02")), Rule.CP_EXCEEDS_AVAILABLE);
        }

        @Test
        void refused_when_dated_before_the_cp_were_opened() {
            refusedBy(fixture.given(signed(Seeds.cerema()), received("R1", "200000.00", "2020-09-10"),
                            opened("O1", "150000.00", "0.00", "2020-09-15"), committed(EJ1, "1000.00", "2020-09-20"),
                            opened("O2", "0.00", "1000.00", "2020-10-15"))
                    .when(pay("100000001", EJ1, "1000.00", "2020-10-01")), Rule.CP_EXCEEDS_AVAILABLE);
        }
    }

    @Nested
    class PAYMENT_DATES_OUT_OF_ORDER {
        @Test
        void allowed_when_commitment_service_fait_and_payment_fall_on_one_day() {
            fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01")))
                    .when(pay("100000001", EJ1, "10.00", "2020-10-01")).expectSuccessfulHandlerExecution();
        }

        @Test
        void refused_when_the_service_fait_precedes_the_commitment() {
            refusedBy(fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01")))
                    .when(new PayCp(CEREMA, DpNumber.of("100000001"), EJ1, eur("10.00"), date("2020-09-30"),
                            date("2020-10-02"), null)), Rule.PAYMENT_DATES_OUT_OF_ORDER);
        }

        @Test
        void refused_when_the_payment_precedes_the_service_fait() {
            refusedBy(fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01")))
                    .when(new PayCp(CEREMA, DpNumber.of("100000001"), EJ1, eur("10.00"), date("2020-10-05"),
                            date("2020-10-04"), null)), Rule.PAYMENT_DATES_OUT_OF_ORDER);
        }
    }

    @Nested
    class RELEASE_EXCEEDS_UNPAID {
        @Test
        void allowed_up_to_the_unpaid_part() {
            fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01"), paid("100000001", EJ1, "30000.00", "2020-11-01")))
                    .when(new ReleaseAe(CEREMA, EJ1, "L1", eur("20000.00"), date("2020-12-01"), "solde"))
                    .expectEvents(new AeReleased(CEREMA, EJ1, "L1", eur("20000.00"), date("2020-12-01"), "solde"));
        }

        @Test
        void refused_beyond_the_unpaid_part() {
            refusedBy(fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01"), paid("100000001", EJ1, "30000.00", "2020-11-01")))
                    .when(new ReleaseAe(CEREMA, EJ1, "L1", eur("20000.01"), date("2020-12-01"), "solde")),
                    Rule.RELEASE_EXCEEDS_UNPAID);
        }
    }

    @Nested
    class RELEASE_BEFORE_COMMITMENT {
        @Test
        void allowed_on_the_day_of_the_commitment() {
            fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01")))
                    .when(new ReleaseAe(CEREMA, EJ1, "L1", eur("1.00"), date("2020-10-01"), "x"))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refused() {
            refusedBy(fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01")))
                    .when(new ReleaseAe(CEREMA, EJ1, "L1", eur("1.00"), date("2020-09-30"), "x")),
                    Rule.RELEASE_BEFORE_COMMITMENT);
        }
    }

    @Nested
    class CLOSURE_WITH_RESTES_A_PAYER {
        @Test
        void refused_while_an_ej_is_unpaid() {
            refusedBy(fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01")))
                    .when(new CloseConvention(CEREMA, date("2021-06-30"))), Rule.CLOSURE_WITH_RESTES_A_PAYER);
        }

        @Test
        void allowed_once_paid_and_released_fixing_the_restitution_due() {
            fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01"), paid("100000001", EJ1, "30000.00", "2020-11-01"),
                            new AeReleased(CEREMA, EJ1, "L1", eur("20000.00"), date("2020-12-01"), "solde")))
                    .when(new CloseConvention(CEREMA, date("2021-06-30")))
                    .expectEventsMatching(ExpectedEvents.exactly(new ConventionClosed(CEREMA, date("2021-06-30"),
                            eur("200000.00"), eur("30000.00"), eur("0.00"), eur("170000.00"), eur("0.00")),
                            ConventionEvent.ErdaIssued.class));
        }
    }

    @Nested
    class CLOSURE_BEFORE_LAST_FACT {
        @Test
        void allowed_on_the_day_of_the_last_fact_settling_an_advance_fully_restituted() {
            fixture.given(signed(Seeds.cerema()))
                    .when(new CloseConvention(CEREMA, date("2020-09-03")))
                    .expectEventsMatching(ExpectedEvents.exactly(new ConventionClosed(CEREMA, date("2020-09-03"),
                                    eur("0.00"), eur("0.00"), eur("0.00"), eur("0.00"), eur("0.00")),
                            ConventionEvent.ErdaIssued.class, new ConventionSettled(CEREMA, date("2020-09-03"))));
        }

        @Test
        void refused() {
            refusedBy(fixture.given(funded()).when(new CloseConvention(CEREMA, date("2020-09-14"))),
                    Rule.CLOSURE_BEFORE_LAST_FACT);
        }
    }

    @Nested
    class CONVENTION_CLOSED {
        @Test
        void allowed_for_a_restitution_after_closure() {
            fixture.given(with(funded(), new ConventionClosed(CEREMA, date("2021-06-30"), eur("200000.00"),
                            eur("0.00"), eur("0.00"), eur("200000.00"), eur("0.00"))))
                    .when(new RestituteFunds(CEREMA, "S1", eur("1.00"), date("2021-07-01"), null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void a_second_closure_with_the_same_date_is_a_retry_and_another_date_a_conflict() {
            List<Object> closed = with(funded(), new ConventionClosed(CEREMA, date("2021-06-30"), eur("200000.00"),
                    eur("0.00"), eur("0.00"), eur("200000.00"), eur("0.00")));
            fixture.given(closed).when(new CloseConvention(CEREMA, date("2021-06-30"))).expectNoEvents()
                    .expectResultMessagePayloadMatching(Matchers.predicate(r -> !((CommandOutcome) r).recorded()));
            fixture.given(closed).when(new CloseConvention(CEREMA, date("2021-07-30")))
                    .expectException(IdentifierConflict.class);
        }

        @Test
        void refused_for_a_receipt_after_closure() {
            refusedBy(fixture.given(with(funded(), new ConventionClosed(CEREMA, date("2021-06-30"), eur("200000.00"),
                            eur("0.00"), eur("0.00"), eur("200000.00"), eur("0.00"))))
                    .when(new ReceivePayment(CEREMA, "R9", eur("1.00"), date("2021-07-01"), null, null)),
                    Rule.CONVENTION_CLOSED);
        }
    }

    @Nested
    class RESTITUTION_BEFORE_CLOSURE {
        @Test
        void refused_when_dated_before_the_closure() {
            refusedBy(fixture.given(with(funded(), new ConventionClosed(CEREMA, date("2021-06-30"), eur("200000.00"),
                            eur("0.00"), eur("0.00"), eur("200000.00"), eur("0.00"))))
                    .when(new RestituteFunds(CEREMA, "S1", eur("1.00"), date("2021-06-29"), null)),
                    Rule.RESTITUTION_BEFORE_CLOSURE);
        }

        @Test
        void refused_on_an_active_convention() {
            refusedBy(fixture.given(funded()).when(new RestituteFunds(CEREMA, "S1", eur("1.00"), date("2021-07-01"), null)),
                    Rule.RESTITUTION_BEFORE_CLOSURE);
        }
    }

    @Nested
    class RESTITUTION_EXCEEDS_DUE {
        List<Object> closed() {
            return with(funded(), opened("O2", "50000.00", "100000.00", "2020-09-16"),
                    committed(EJ1, "50000.00", "2020-10-01"), paid("100000001", EJ1, "50000.00", "2020-11-01"),
                    new ConventionClosed(CEREMA, date("2021-06-30"), eur("200000.00"), eur("50000.00"), eur("0.00"),
                            eur("150000.00"), eur("0.00")));
        }

        @Test
        void refused_beyond_what_is_due() {
            refusedBy(fixture.given(closed()).when(new RestituteFunds(CEREMA, "S1", eur("150000.01"), date("2021-07-01"), null)),
                    Rule.RESTITUTION_EXCEEDS_DUE);
        }

        @Test
        void allowed_in_two_parts_the_last_one_settling_the_convention() {
            fixture.given(with(closed(), new FundsRestituted(CEREMA, "S1", eur("100000.00"), date("2021-07-01"), null)))
                    .when(new RestituteFunds(CEREMA, "S2", eur("50000.00"), date("2021-07-02"), "solde"))
                    .expectEvents(new FundsRestituted(CEREMA, "S2", eur("50000.00"), date("2021-07-02"), "solde"),
                            new ConventionSettled(CEREMA, date("2021-07-02")))
                    .expectResultMessagePayloadMatching(Matchers.predicate(r ->
                            ((CommandOutcome) r).balance().status() == ConventionStatus.SETTLED
                                    && ((CommandOutcome) r).balance().restitutionDue().isZero()));
        }
    }

    @Nested
    class RESTITUTION_ACCOUNT_MISSING {
        @Test
        void refused_when_the_contributor_has_no_account() {
            SignConvention s = Seeds.cerema();
            SignConvention noAccount = new SignConvention(s.conventionId(), s.title(),
                    new Terms.Contributor("Cerema", ContributorKind.ETABLISSEMENT_PUBLIC, null, null), s.beneficiary(),
                    s.fund(), s.amount(), s.fundingMode(), s.tranches(), s.coFinancing(), s.signedOn(), s.effectiveOn(), s.endsOn());
            refusedBy(fixture.given(signed(noAccount), received("R1", "200000.00", "2020-09-10"),
                            new ConventionClosed(CEREMA, date("2021-06-30"), eur("200000.00"), eur("0.00"), eur("0.00"),
                                    eur("200000.00"), eur("0.00")))
                    .when(new RestituteFunds(CEREMA, "S1", eur("1.00"), date("2021-07-01"), null)),
                    Rule.RESTITUTION_ACCOUNT_MISSING);
        }
    }

    @Nested
    class RESTITUTION_EXCEEDS_CREDITS {
        List<Object> closedWithCpShort() {
            // 200 000 received but only 100 000 of CP opened: 150 000 are due back, the programme can pay 100 000.
            return List.of(signed(Seeds.cerema()), received("R1", "200000.00", "2020-09-10"),
                    opened("O1", "200000.00", "100000.00", "2020-09-15"), committed(EJ1, "50000.00", "2020-10-01"),
                    paid("100000001", EJ1, "50000.00", "2020-11-01"),
                    new ConventionClosed(CEREMA, date("2021-06-30"), eur("200000.00"), eur("50000.00"), eur("0.00"),
                            eur("150000.00"), eur("0.00")));
        }

        @Test
        void refused_beyond_the_cp_opened_to_pay_it() {
            refusedBy(fixture.given(closedWithCpShort())
                    .when(new RestituteFunds(CEREMA, "S1", eur("50000.01"), date("2021-07-01"), null)),
                    Rule.RESTITUTION_EXCEEDS_CREDITS);
        }

        @Test
        void allowed_within_the_credits() {
            fixture.given(closedWithCpShort())
                    .when(new RestituteFunds(CEREMA, "S1", eur("50000.00"), date("2021-07-01"), null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void allowed_in_full_after_the_missing_credits_are_opened_after_closure() {
            List<Object> given = new ArrayList<>(closedWithCpShort());
            given.add(opened("O2", "0.00", "100000.00", "2021-07-01"));
            fixture.given(given)
                    .when(new RestituteFunds(CEREMA, "S1", eur("150000.00"), date("2021-07-02"), null))
                    .expectEventsMatching(ExpectedEvents.exactly(
                            new FundsRestituted(CEREMA, "S1", eur("150000.00"), date("2021-07-02"), null),
                            new ConventionSettled(CEREMA, date("2021-07-02"))));
        }

        @Test
        void credits_can_be_opened_after_closure_to_pay_it() {
            fixture.given(closedWithCpShort())
                    .when(new OpenCredits(CEREMA, "O2", eur("0.00"), eur("100000.00"), date("2021-07-01"), "A2"))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class AMOUNT_NOT_POSITIVE {
        @Test
        void allowed_for_a_cent() {
            fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01")))
                    .when(pay("100000001", EJ1, "0.01", "2020-11-01")).expectSuccessfulHandlerExecution();
        }

        @Test
        void refused_for_a_zero_payment() {
            refusedBy(fixture.given(with(funded(), committed(EJ1, "50000.00", "2020-10-01")))
                    .when(pay("100000001", EJ1, "0.00", "2020-11-01")), Rule.AMOUNT_NOT_POSITIVE);
        }
    }

    @Test
    void a_full_advance_lifecycle_gives_the_balance_a_controller_computes_by_hand() {
        fixture.given(with(funded(), committed(EJ1, "80000.00", "2020-10-01"), committed(EJ2, "40000.00", "2020-10-02"),
                        paid("100000001", EJ1, "60000.00", "2020-11-01"), paid("100000002", EJ2, "40000.00", "2020-11-02")))
                .when(new ReleaseAe(CEREMA, EJ1, "L1", eur("20000.00"), date("2021-05-31"), "solde"))
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> {
                    Balance b = ((CommandOutcome) r).balance();
                    assertThat(b.received()).isEqualTo(eur("200000.00"));
                    assertThat(b.aeNet()).isEqualTo(eur("100000.00"));
                    assertThat(b.cpPaid()).isEqualTo(eur("100000.00"));
                    assertThat(b.aeAvailable()).isEqualTo(eur("50000.00"));
                    assertThat(b.cpAvailable()).isEqualTo(eur("0.00"));
                    assertThat(b.restesAPayer()).isEqualTo(eur("0.00"));
                    assertThat(b.asOf()).isEqualTo(LocalDate.of(2026, 11, 22));
                    return true;
                }));
    }
}
