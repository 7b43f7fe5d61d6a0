package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionCommand.AmendConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.CallForFunds;
import fr.dinum.ledger.domain.convention.ConventionCommand.CloseConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.CommitAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.PayCp;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReceivePayment;
import fr.dinum.ledger.domain.convention.ConventionCommand.RestituteFunds;
import fr.dinum.ledger.domain.convention.ConventionCommand.SignConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.TerminateConvention;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeCommitted;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionAmended;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionClosed;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSettled;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionTerminated;
import fr.dinum.ledger.domain.convention.ConventionEvent.CpPaid;
import fr.dinum.ledger.domain.convention.ConventionEvent.CreditsOpened;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsCalled;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsRestituted;
import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import fr.dinum.ledger.domain.convention.ConventionEvent.TrancheThresholdReached;
import fr.dinum.ledger.domain.convention.Terms.Schedule;
import fr.dinum.ledger.domain.convention.Terms.Supplier;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.values.DpNumber;
import fr.dinum.ledger.domain.values.EjNumber;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static fr.dinum.ledger.domain.convention.ConventionRulesTest.CLOCK;
import static fr.dinum.ledger.domain.convention.ConventionRulesTest.signed;
import static fr.dinum.ledger.domain.convention.Seeds.date;
import static fr.dinum.ledger.domain.convention.Seeds.eur;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle rules (DOMAIN.md 6 to 9): thresholds and appels de fonds, reimbursement closure,
 * avenants and résiliation. Nested classes are named after the rule they check.
 */
class LifecycleRulesTest {

    static final String ANCT = "ANCT-2020-INCUBATEUR";
    static final String PDC = "PDC-2020-PREINCUBATION";
    static final String OISE = "OISE-2021-ANTI-GASPI";
    static final EjNumber EJ1 = EjNumber.of("1300000001");
    static final Supplier SUPPLIER = new Supplier("Octo Technology", null);

    FixtureConfiguration<Convention> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Convention.class);
        fixture.registerInjectableResource(CLOCK);
    }

    static void refusedBy(ResultValidator<Convention> result, Rule rule) {
        result.expectNoEvents().expectException(Matchers.predicate(
                e -> e instanceof RuleViolation violation && violation.rule() == rule));
    }

    static List<Object> events(Object... events) {
        return new ArrayList<>(List.of(events));
    }

    static CpPaid paid(String conventionId, String dp, String amount, String on) {
        return new CpPaid(conventionId, DpNumber.of(dp), EJ1, eur(amount), date(on), date(on), null);
    }

    /** ANCT signed, tranche 1 received, 800 000 of AE and CP opened, one EJ of 1 600 000... capped to 800 000. */
    static List<Object> anctFunded() {
        return events(signed(Seeds.anct()),
                new PaymentReceived(ANCT, "R1", eur("800000.00"), date("2020-06-15"), 1, null),
                new CreditsOpened(ANCT, "O1", eur("800000.00"), eur("800000.00"), date("2020-07-01"), "A1"),
                new AeCommitted(ANCT, EJ1, eur("800000.00"), date("2020-07-10"), SUPPLIER, "Incubateur", null));
    }

    static List<Object> with(List<Object> base, Object... more) {
        List<Object> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    @Nested
    class TrancheThresholds {
        @Test
        void a_payment_reaching_the_threshold_records_it_once_dated_by_the_payment() {
            fixture.given(with(anctFunded(), paid(ANCT, "200000001", "500000.00", "2020-09-15")))
                    .when(new PayCp(ANCT, DpNumber.of("200000002"), EJ1, eur("100000.00"), date("2020-10-01"),
                            date("2020-10-05"), null))
                    .expectEvents(new CpPaid(ANCT, DpNumber.of("200000002"), EJ1, eur("100000.00"), date("2020-10-01"), date("2020-10-05"), null),
                            new TrancheThresholdReached(ANCT, 2, eur("600000.00"), ConsumptionBasis.CP,
                                    eur("600000.00"), date("2020-10-05")));
        }

        @Test
        void a_payment_below_the_threshold_records_nothing_more() {
            fixture.given(anctFunded())
                    .when(new PayCp(ANCT, DpNumber.of("200000001"), EJ1, eur("599999.99"), date("2020-09-15"),
                            date("2020-09-15"), null))
                    .expectEvents(new CpPaid(ANCT, DpNumber.of("200000001"), EJ1, eur("599999.99"), date("2020-09-15"),
                            date("2020-09-15"), null));
        }

        @Test
        void a_threshold_already_reached_is_not_recorded_again() {
            fixture.given(with(anctFunded(), paid(ANCT, "200000001", "600000.00", "2020-09-15"),
                            new TrancheThresholdReached(ANCT, 2, eur("600000.00"), ConsumptionBasis.CP, eur("600000.00"),
                                    date("2020-09-15"))))
                    .when(new PayCp(ANCT, DpNumber.of("200000002"), EJ1, eur("10.00"), date("2020-09-16"),
                            date("2020-09-16"), null))
                    .expectEvents(new CpPaid(ANCT, DpNumber.of("200000002"), EJ1, eur("10.00"), date("2020-09-16"),
                            date("2020-09-16"), null));
        }

        @Test
        void one_payment_jumping_over_two_thresholds_records_both_in_order() {
            String id = "JUMP-2020";
            SignConvention jump = new SignConvention(id, "Deux seuils", Seeds.cerema().contributor(), "DINUM", null,
                    eur("1600000.00"), FundingMode.ADVANCE,
                    List.of(Seeds.onSignature(1, "1000000.00"),
                            new Tranche(2, eur("300000.00"), TrancheTrigger.ON_CONSUMPTION, eur("500000.00"), null),
                            new Tranche(3, eur("300000.00"), TrancheTrigger.ON_CONSUMPTION, eur("800000.00"), null)),
                    List.of(), date("2020-01-10"), null, null);
            fixture.given(signed(jump), new PaymentReceived(id, "R1", eur("1000000.00"), date("2020-01-20"), 1, null),
                            new AeCommitted(id, EJ1, eur("1000000.00"), date("2020-02-01"), SUPPLIER, "x", null))
                    .when(new PayCp(id, DpNumber.of("200000001"), EJ1, eur("900000.00"), date("2020-03-01"),
                            date("2020-03-02"), null))
                    .expectEvents(new CpPaid(id, DpNumber.of("200000001"), EJ1, eur("900000.00"), date("2020-03-01"),
                                    date("2020-03-02"), null),
                            new TrancheThresholdReached(id, 2, eur("500000.00"), ConsumptionBasis.CP, eur("900000.00"),
                                    date("2020-03-02")),
                            new TrancheThresholdReached(id, 3, eur("800000.00"), ConsumptionBasis.CP, eur("900000.00"),
                                    date("2020-03-02")));
        }

        @Test
        void an_ae_basis_threshold_is_reached_by_a_commitment() {
            String id = "AE-BASIS";
            SignConvention ae = new SignConvention(id, "Seuil en AE", Seeds.cerema().contributor(), "DINUM", null,
                    eur("200000.00"), FundingMode.ADVANCE,
                    List.of(Seeds.onSignature(1, "100000.00"),
                            new Tranche(2, eur("100000.00"), TrancheTrigger.ON_CONSUMPTION, eur("80000.00"), ConsumptionBasis.AE)),
                    List.of(), date("2020-01-10"), null, null);
            fixture.given(signed(ae), new PaymentReceived(id, "R1", eur("100000.00"), date("2020-01-20"), 1, null))
                    .when(new CommitAe(id, EJ1, eur("80000.00"), date("2020-02-01"), SUPPLIER, "x", null))
                    .expectEvents(new AeCommitted(id, EJ1, eur("80000.00"), date("2020-02-01"), SUPPLIER, "x", null),
                            new TrancheThresholdReached(id, 2, eur("80000.00"), ConsumptionBasis.AE, eur("80000.00"),
                                    date("2020-02-01")));
        }
    }

    List<Object> anctReached() {
        return with(anctFunded(), paid(ANCT, "200000001", "600000.00", "2020-09-15"),
                new TrancheThresholdReached(ANCT, 2, eur("600000.00"), ConsumptionBasis.CP, eur("600000.00"),
                        date("2020-09-15")));
    }

    @Nested
    class TRANCHE_THRESHOLD_NOT_REACHED {
        @Test
        void refused_before_the_threshold() {
            refusedBy(fixture.given(anctFunded()).when(new CallForFunds(ANCT, "C2", 2, date("2020-09-20"))),
                    Rule.TRANCHE_THRESHOLD_NOT_REACHED);
        }

        @Test
        void refused_when_dated_before_the_threshold_was_reached() {
            refusedBy(fixture.given(anctReached()).when(new CallForFunds(ANCT, "C2", 2, date("2020-09-14"))),
                    Rule.TRANCHE_THRESHOLD_NOT_REACHED);
        }

        @Test
        void allowed_once_reached_with_the_figures_of_its_date() {
            fixture.given(anctReached()).when(new CallForFunds(ANCT, "C2", 2, date("2020-09-20")))
                    .expectEventsMatching(ExpectedEvents.exactly(ConventionEvent.ErdaIssued.class,
                            new FundsCalled(ANCT, "C2", 2, eur("400000.00"), date("2020-09-20"),
                                    eur("600000.00"), 1, eur("600000.00"), 1)));
        }
    }

    @Nested
    class TRANCHE_NOT_PAYABLE_until_called {
        @Test
        void allowed_after_the_call_up_to_the_amount_called() {
            fixture.given(with(anctReached(), new FundsCalled(ANCT, "C2", 2, eur("400000.00"), date("2020-09-20"),
                            eur("600000.00"), 1, eur("600000.00"), 1)))
                    .when(new ReceivePayment(ANCT, "R2", eur("400000.00"), date("2020-10-15"), 2, null))
                    .expectEvents(new PaymentReceived(ANCT, "R2", eur("400000.00"), date("2020-10-15"), 2, null));
        }

        @Test
        void a_receipt_without_tranche_number_goes_to_the_called_tranche() {
            fixture.given(with(anctReached(), new FundsCalled(ANCT, "C2", 2, eur("400000.00"), date("2020-09-20"),
                            eur("600000.00"), 1, eur("600000.00"), 1)))
                    .when(new ReceivePayment(ANCT, "R2", eur("400000.00"), date("2020-10-15"), null, null))
                    .expectEvents(new PaymentReceived(ANCT, "R2", eur("400000.00"), date("2020-10-15"), 2, null));
        }

        @Test
        void refused_when_dated_before_the_call() {
            refusedBy(fixture.given(with(anctReached(), new FundsCalled(ANCT, "C2", 2, eur("400000.00"),
                            date("2020-09-20"), eur("600000.00"), 1, eur("600000.00"), 1)))
                    .when(new ReceivePayment(ANCT, "R2", eur("400000.00"), date("2020-09-19"), 2, null)),
                    Rule.TRANCHE_NOT_PAYABLE);
        }
    }

    @Nested
    class TRANCHE_ALREADY_CALLED {
        @Test
        void refused_for_a_second_call_of_a_tranche() {
            refusedBy(fixture.given(with(anctReached(), new FundsCalled(ANCT, "C2", 2, eur("400000.00"),
                            date("2020-09-20"), eur("600000.00"), 1, eur("600000.00"), 1)))
                    .when(new CallForFunds(ANCT, "C2-bis", 2, date("2020-09-21"))), Rule.TRANCHE_ALREADY_CALLED);
        }

        @Test
        void the_same_call_sent_twice_is_recorded_once() {
            fixture.given(with(anctReached(), new FundsCalled(ANCT, "C2", 2, eur("400000.00"),
                            date("2020-09-20"), eur("600000.00"), 1, eur("600000.00"), 1)))
                    .when(new CallForFunds(ANCT, "C2", 2, date("2020-09-20"))).expectNoEvents()
                    .expectResultMessagePayloadMatching(Matchers.predicate(r -> !((CommandOutcome) r).recorded()));
        }
    }

    @Nested
    class TRANCHE_NOT_CALLABLE {
        @Test
        void refused_for_a_signature_tranche() {
            refusedBy(fixture.given(anctReached()).when(new CallForFunds(ANCT, "C1", 1, date("2020-09-20"))),
                    Rule.TRANCHE_NOT_CALLABLE);
        }

        @Test
        void refused_for_a_closing_tranche_before_closure() {
            refusedBy(fixture.given(signed(Seeds.pasDeCalais())).when(new CallForFunds(PDC, "C1", 1, date("2020-09-20"))),
                    Rule.TRANCHE_NOT_CALLABLE);
        }
    }

    /** Pas-de-Calais: 9 000 ceiling, 7 200 actually paid, 1 800 released, closed. */
    static List<Object> pdcClosed() {
        return events(signed(Seeds.pasDeCalais()),
                new AeCommitted(PDC, EJ1, eur("9000.00"), date("2020-07-01"), SUPPLIER, "Pré-incubation", null),
                new CpPaid(PDC, DpNumber.of("200000001"), EJ1, eur("7200.00"), date("2020-12-15"), date("2020-12-20"), null),
                new ConventionEvent.AeReleased(PDC, EJ1, "L1", eur("1800.00"), date("2020-12-23"), "Solde"),
                new ConventionClosed(PDC, date("2021-01-15"), eur("0.00"), eur("7200.00"), eur("0.00"), eur("0.00"),
                        eur("7200.00")));
    }

    @Nested
    class Reimbursement {
        @Test
        void closure_fixes_the_contribution_due_to_the_expenses_made_under_the_ceiling() {
            List<Object> beforeClosure = pdcClosed().subList(0, 4);
            fixture.given(beforeClosure).when(new CloseConvention(PDC, date("2021-01-15")))
                    .expectEventsMatching(ExpectedEvents.exactly(new ConventionClosed(PDC, date("2021-01-15"),
                            eur("0.00"), eur("7200.00"), eur("0.00"), eur("0.00"), eur("7200.00")),
                            ConventionEvent.ErdaIssued.class))
                    .expectResultMessagePayloadMatching(Matchers.predicate(r -> {
                        Balance b = ((CommandOutcome) r).balance();
                        assertThat(b.contributionDue()).isEqualTo(eur("7200.00"));
                        assertThat(b.status()).isEqualTo(ConventionStatus.CLOSED);
                        return true;
                    }));
        }

        @Test
        void the_closing_tranche_is_called_for_what_is_due_adjusted_downwards() {
            fixture.given(pdcClosed()).when(new CallForFunds(PDC, "C1", 1, date("2021-01-20")))
                    .expectEventsMatching(ExpectedEvents.exactly(ConventionEvent.ErdaIssued.class,
                            new FundsCalled(PDC, "C1", 1, eur("7200.00"), date("2021-01-20"), eur("7200.00"), 1,
                                    eur("7200.00"), 1)));
        }

        @Test
        void receiving_what_was_called_settles_the_convention() {
            fixture.given(with(pdcClosed(), new FundsCalled(PDC, "C1", 1, eur("7200.00"), date("2021-01-20"),
                            eur("7200.00"), 1, eur("7200.00"), 1)))
                    .when(new ReceivePayment(PDC, "R1", eur("7200.00"), date("2021-03-01"), null, "Mandat 2021-112"))
                    .expectEvents(new PaymentReceived(PDC, "R1", eur("7200.00"), date("2021-03-01"), 1, "Mandat 2021-112"),
                            new ConventionSettled(PDC, date("2021-03-01")));
        }

        @Test
        void RECEIPT_EXCEEDS_TRANCHE_refused_beyond_what_was_called() {
            refusedBy(fixture.given(with(pdcClosed(), new FundsCalled(PDC, "C1", 1, eur("7200.00"), date("2021-01-20"),
                            eur("7200.00"), 1, eur("7200.00"), 1)))
                    .when(new ReceivePayment(PDC, "R1", eur("7200.01"), date("2021-03-01"), 1, null)),
                    Rule.RECEIPT_EXCEEDS_TRANCHE);
        }

        @Test
        void credits_are_opened_after_closure_once_the_money_is_received() {
            fixture.given(with(pdcClosed(), new FundsCalled(PDC, "C1", 1, eur("7200.00"), date("2021-01-20"),
                                    eur("7200.00"), 1, eur("7200.00"), 1),
                            new PaymentReceived(PDC, "R1", eur("7200.00"), date("2021-03-01"), 1, null)))
                    .when(new ConventionCommand.OpenCredits(PDC, "O1", eur("7200.00"), eur("7200.00"), date("2021-04-01"), "A"))
                    .expectEvents(new CreditsOpened(PDC, "O1", eur("7200.00"), eur("7200.00"), date("2021-04-01"), "A"));
        }
    }

    @Nested
    class NOTHING_TO_CALL {
        @Test
        void refused_when_a_reimbursement_spent_nothing() {
            refusedBy(fixture.given(signed(Seeds.pasDeCalais()),
                            new ConventionClosed(PDC, date("2021-01-15"), eur("0.00"), eur("0.00"), eur("0.00"),
                                    eur("0.00"), eur("0.00")))
                    .when(new CallForFunds(PDC, "C1", 1, date("2021-01-20"))), Rule.NOTHING_TO_CALL);
        }
    }

    @Nested
    class ADVANCE_TRANCHES_INVALID {
        @Test
        void refused_for_an_advance_with_a_closing_tranche() {
            SignConvention mixed = new SignConvention("MIXED", "Solde à la clôture", Seeds.cerema().contributor(), "DINUM",
                    null, eur("10000.00"), FundingMode.ADVANCE,
                    List.of(Seeds.onSignature(1, "8000.00"), new Tranche(2, eur("2000.00"), TrancheTrigger.ON_CLOSING, null, null)),
                    List.of(), date("2020-01-10"), null, null);
            refusedBy(fixture.givenNoPriorActivity().when(mixed), Rule.ADVANCE_TRANCHES_INVALID);
        }
    }

    @Nested
    class ThresholdDates {
        @Test
        void a_payment_keyed_late_but_dated_early_dates_the_threshold_when_consumption_really_reached_it() {
            // 550 000 paid on 2020-10-05, then a 100 000 payment dated 2020-09-01 is keyed: consumption
            // reached 600 000 on 2020-10-05 (550 000 + 100 000 before it), not on 2020-09-01.
            fixture.given(with(anctFunded(), paid(ANCT, "200000001", "550000.00", "2020-10-05")))
                    .when(new PayCp(ANCT, DpNumber.of("200000002"), EJ1, eur("100000.00"), date("2020-09-01"),
                            date("2020-09-01"), null))
                    .expectEvents(new CpPaid(ANCT, DpNumber.of("200000002"), EJ1, eur("100000.00"), date("2020-09-01"),
                                    date("2020-09-01"), null),
                            new TrancheThresholdReached(ANCT, 2, eur("600000.00"), ConsumptionBasis.CP,
                                    eur("650000.00"), date("2020-10-05")));
        }

        @Test
        void a_raised_threshold_is_no_longer_reached_and_cannot_be_called() {
            List<Tranche> raised = List.of(Seeds.onSignature(1, "800000.00"),
                    new Tranche(2, eur("400000.00"), TrancheTrigger.ON_CONSUMPTION, eur("700000.00"), ConsumptionBasis.CP),
                    new Tranche(3, eur("400000.00"), TrancheTrigger.ON_CONSUMPTION, eur("1000000.00"), ConsumptionBasis.CP));
            SignConvention anct = Seeds.anct();
            refusedBy(fixture.given(with(anctReached(), new ConventionAmended(ANCT, "AV1", date("2020-09-20"), "Seuil relevé",
                            new Schedule(anct.amount(), anct.endsOn(), anct.tranches()),
                            new Schedule(anct.amount(), anct.endsOn(), raised))))
                    .when(new CallForFunds(ANCT, "C2", 2, date("2020-09-25"))), Rule.TRANCHE_THRESHOLD_NOT_REACHED);
        }
    }

    @Nested
    class CeilingInForce {
        @Test
        void a_commitment_dated_before_an_avenant_is_checked_against_the_ceiling_of_its_date() {
            List<Tranche> raised = List.of(new Tranche(1, eur("12000.00"), TrancheTrigger.ON_CLOSING, null, null));
            SignConvention pdc = Seeds.pasDeCalais();
            List<Object> amended = events(signed(pdc), new ConventionAmended(PDC, "AV1", date("2020-11-01"), "Plafond relevé",
                    new Schedule(pdc.amount(), pdc.endsOn(), pdc.tranches()), new Schedule(eur("12000.00"), pdc.endsOn(), raised)));
            refusedBy(fixture.given(amended).when(new CommitAe(PDC, EJ1, eur("11000.00"), date("2020-07-01"), SUPPLIER, "x", null)),
                    Rule.AE_EXCEEDS_AVAILABLE);
            fixture.given(amended).when(new CommitAe(PDC, EJ1, eur("11000.00"), date("2020-11-02"), SUPPLIER, "x", null))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class CLOSURE_BEFORE_LAST_FACT_includes_the_termination {
        @Test
        void refused_before_the_termination_date() {
            refusedBy(fixture.given(with(oiseSpending(), oiseTerminated(),
                            new CpPaid(OISE, DpNumber.of("300000002"), EJ1, eur("6000.00"), date("2021-05-10"),
                                    date("2021-05-20"), null)))
                    .when(new CloseConvention(OISE, date("2021-06-29"))), Rule.CLOSURE_BEFORE_LAST_FACT);
        }
    }

    // ------------------------------------------------------------------------------------------ avenants

    static Schedule ceremaSchedule() {
        SignConvention c = Seeds.cerema();
        return new Schedule(c.amount(), c.endsOn(), c.tranches());
    }

    static final List<Tranche> RAISED = List.of(Seeds.onSignature(1, "200000.00"), Seeds.onSignature(2, "50000.00"));

    @Nested
    class Avenants {
        @Test
        void an_avenant_raising_the_amount_and_moving_the_end_date_records_before_and_after() {
            fixture.given(signed(Seeds.cerema()))
                    .when(new AmendConvention("CEREMA-2020-FRICHES", "AV1", date("2021-03-01"), "Avenant n°1",
                            eur("250000.00"), date("2021-12-31"), RAISED))
                    .expectEvents(new ConventionAmended("CEREMA-2020-FRICHES", "AV1", date("2021-03-01"), "Avenant n°1",
                            ceremaSchedule(), new Schedule(eur("250000.00"), date("2021-12-31"), RAISED)));
        }

        @Test
        void after_the_avenant_commitments_follow_the_new_end_date() {
            fixture.given(signed(Seeds.cerema()),
                            new PaymentReceived("CEREMA-2020-FRICHES", "R1", eur("200000.00"), date("2020-09-10"), 1, null),
                            new CreditsOpened("CEREMA-2020-FRICHES", "O1", eur("100.00"), eur("100.00"), date("2020-09-15"), "A"),
                            new ConventionAmended("CEREMA-2020-FRICHES", "AV1", date("2021-03-01"), "Avenant n°1",
                                    ceremaSchedule(), new Schedule(eur("250000.00"), date("2021-12-31"), RAISED)))
                    .when(new CommitAe("CEREMA-2020-FRICHES", EJ1, eur("100.00"), date("2021-09-01"), SUPPLIER, "x", null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void AMENDMENT_EMPTY_refused() {
            refusedBy(fixture.given(signed(Seeds.cerema()))
                    .when(new AmendConvention("CEREMA-2020-FRICHES", "AV1", date("2021-03-01"), "rien", null, null, null)),
                    Rule.AMENDMENT_EMPTY);
        }

        @Test
        void TRANCHES_NOT_EQUAL_TO_AMOUNT_refused_when_only_the_amount_changes() {
            refusedBy(fixture.given(signed(Seeds.cerema()))
                    .when(new AmendConvention("CEREMA-2020-FRICHES", "AV1", date("2021-03-01"), "x", eur("250000.00"),
                            null, null)), Rule.TRANCHES_NOT_EQUAL_TO_AMOUNT);
        }

        @Test
        void AMENDMENT_BELOW_RECEIVED_refused() {
            refusedBy(fixture.given(signed(Seeds.cerema()),
                            new PaymentReceived("CEREMA-2020-FRICHES", "R1", eur("200000.00"), date("2020-09-10"), 1, null))
                    .when(new AmendConvention("CEREMA-2020-FRICHES", "AV1", date("2021-03-01"), "x", eur("150000.00"),
                            null, List.of(Seeds.onSignature(1, "150000.00")))), Rule.AMENDMENT_BELOW_RECEIVED);
        }

        @Test
        void AMENDMENT_BELOW_COMMITTED_refused_for_a_reimbursement_below_its_commitments() {
            refusedBy(fixture.given(signed(Seeds.pasDeCalais()),
                            new AeCommitted(PDC, EJ1, eur("9000.00"), date("2020-07-01"), SUPPLIER, "x", null))
                    .when(new AmendConvention(PDC, "AV1", date("2020-09-01"), "x", eur("8000.00"), null,
                            List.of(new Tranche(1, eur("8000.00"), TrancheTrigger.ON_CLOSING, null, null)))),
                    Rule.AMENDMENT_BELOW_COMMITTED);
        }

        @Test
        void AMENDMENT_BELOW_COMMITTED_allowed_down_to_the_commitments() {
            fixture.given(signed(Seeds.pasDeCalais()),
                            new AeCommitted(PDC, EJ1, eur("8000.00"), date("2020-07-01"), SUPPLIER, "x", null))
                    .when(new AmendConvention(PDC, "AV1", date("2020-09-01"), "x", eur("8000.00"), null,
                            List.of(new Tranche(1, eur("8000.00"), TrancheTrigger.ON_CLOSING, null, null))))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void AMENDMENT_TRANCHE_BELOW_RECEIVED_refused() {
            refusedBy(fixture.given(signed(Seeds.anct()),
                            new PaymentReceived(ANCT, "R1", eur("800000.00"), date("2020-06-15"), 1, null))
                    .when(new AmendConvention(ANCT, "AV1", date("2020-09-01"), "x", null, null,
                            List.of(Seeds.onSignature(1, "700000.00"),
                                    new Tranche(2, eur("500000.00"), TrancheTrigger.ON_CONSUMPTION, eur("600000.00"), null),
                                    new Tranche(3, eur("400000.00"), TrancheTrigger.ON_CONSUMPTION, eur("1000000.00"), null)))),
                    Rule.AMENDMENT_TRANCHE_BELOW_RECEIVED);
        }

        @Test
        void AMENDMENT_CHANGES_CALLED_TRANCHE_refused() {
            refusedBy(fixture.given(with(anctReached(), new FundsCalled(ANCT, "C2", 2, eur("400000.00"),
                            date("2020-09-20"), eur("600000.00"), 1, eur("600000.00"), 1)))
                    .when(new AmendConvention(ANCT, "AV1", date("2020-10-01"), "x", null, null,
                            List.of(Seeds.onSignature(1, "800000.00"),
                                    new Tranche(2, eur("300000.00"), TrancheTrigger.ON_CONSUMPTION, eur("600000.00"), null),
                                    new Tranche(3, eur("500000.00"), TrancheTrigger.ON_CONSUMPTION, eur("1000000.00"), null)))),
                    Rule.AMENDMENT_CHANGES_CALLED_TRANCHE);
        }

        @Test
        void AMENDMENT_OUT_OF_ORDER_refused() {
            refusedBy(fixture.given(signed(Seeds.cerema()),
                            new ConventionAmended("CEREMA-2020-FRICHES", "AV1", date("2021-03-01"), "Avenant n°1",
                                    ceremaSchedule(), new Schedule(eur("250000.00"), date("2021-12-31"), RAISED)))
                    .when(new AmendConvention("CEREMA-2020-FRICHES", "AV2", date("2021-02-01"), "x", null,
                            date("2022-06-30"), null)), Rule.AMENDMENT_OUT_OF_ORDER);
        }

        @Test
        void PERIOD_INVALID_refused_when_the_new_end_precedes_a_commitment() {
            refusedBy(fixture.given(signed(Seeds.cerema()),
                            new PaymentReceived("CEREMA-2020-FRICHES", "R1", eur("200000.00"), date("2020-09-10"), 1, null),
                            new CreditsOpened("CEREMA-2020-FRICHES", "O1", eur("100.00"), eur("100.00"), date("2020-09-15"), "A"),
                            new AeCommitted("CEREMA-2020-FRICHES", EJ1, eur("100.00"), date("2021-01-10"), SUPPLIER, "x", null))
                    .when(new AmendConvention("CEREMA-2020-FRICHES", "AV1", date("2021-03-01"), "x", null,
                            date("2020-12-31"), null)), Rule.PERIOD_INVALID);
        }

        @Test
        void a_lowered_threshold_already_passed_is_reached_on_the_avenant_date() {
            List<Tranche> lowered = List.of(Seeds.onSignature(1, "800000.00"),
                    new Tranche(2, eur("400000.00"), TrancheTrigger.ON_CONSUMPTION, eur("500000.00"), ConsumptionBasis.CP),
                    new Tranche(3, eur("400000.00"), TrancheTrigger.ON_CONSUMPTION, eur("1000000.00"), ConsumptionBasis.CP));
            SignConvention anct = Seeds.anct();
            fixture.given(with(anctFunded(), paid(ANCT, "200000001", "500000.00", "2020-09-15")))
                    .when(new AmendConvention(ANCT, "AV1", date("2020-10-01"), "Seuil abaissé", null, null, lowered))
                    .expectEvents(new ConventionAmended(ANCT, "AV1", date("2020-10-01"), "Seuil abaissé",
                                    new Schedule(anct.amount(), anct.endsOn(), anct.tranches()),
                                    new Schedule(anct.amount(), anct.endsOn(), lowered)),
                            new TrancheThresholdReached(ANCT, 2, eur("500000.00"), ConsumptionBasis.CP, eur("500000.00"),
                                    date("2020-10-01")));
        }
    }

    // ------------------------------------------------------------------------------------------ résiliation

    /** Oise: 20 000 received, 15 000 committed on one EJ, 9 000 paid. */
    static List<Object> oiseSpending() {
        return events(signed(Seeds.oise()),
                new PaymentReceived(OISE, "R1", eur("20000.00"), date("2021-02-01"), 1, null),
                new AeCommitted(OISE, EJ1, eur("15000.00"), date("2021-02-15"), SUPPLIER, "Anti-gaspi", null),
                new CpPaid(OISE, DpNumber.of("300000001"), EJ1, eur("9000.00"), date("2021-04-30"), date("2021-05-05"), null));
    }

    static ConventionTerminated oiseTerminated() {
        return new ConventionTerminated(OISE, date("2021-06-30"), "Fin du projet", eur("15000.00"), eur("15000.00"),
                eur("20000.00"));
    }

    @Nested
    class Termination {
        @Test
        void termination_liquidates_the_contribution_on_the_commitments_made() {
            fixture.given(oiseSpending())
                    .when(new TerminateConvention(OISE, date("2021-06-30"), "Fin du projet"))
                    .expectEvents(oiseTerminated())
                    .expectResultMessagePayloadMatching(Matchers.predicate(r -> {
                        Balance b = ((CommandOutcome) r).balance();
                        assertThat(b.status()).isEqualTo(ConventionStatus.TERMINATED);
                        assertThat(b.restitutionDue()).isEqualTo(eur("5000.00"));
                        assertThat(b.contributionDue()).isEqualTo(eur("0.00"));
                        return true;
                    }));
        }

        @Test
        void COMMITMENT_AFTER_TERMINATION_refused() {
            refusedBy(fixture.given(with(oiseSpending(), oiseTerminated()))
                    .when(new CommitAe(OISE, EjNumber.of("1300000002"), eur("1.00"), date("2021-06-30"), SUPPLIER, "x", null)),
                    Rule.COMMITMENT_AFTER_TERMINATION);
        }

        @Test
        void payments_on_existing_ejs_go_on_after_termination() {
            fixture.given(with(oiseSpending(), oiseTerminated()))
                    .when(new PayCp(OISE, DpNumber.of("300000002"), EJ1, eur("6000.00"), date("2021-07-30"),
                            date("2021-08-05"), null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void RESTITUTION_BEFORE_CLOSURE_allowed_after_termination_for_what_was_not_committed() {
            fixture.given(with(oiseSpending(), oiseTerminated()))
                    .when(new RestituteFunds(OISE, "S1", eur("5000.00"), date("2021-07-15"), null))
                    .expectEvents(new FundsRestituted(OISE, "S1", eur("5000.00"), date("2021-07-15"), null));
            refusedBy(fixture.given(with(oiseSpending(), oiseTerminated()))
                    .when(new RestituteFunds(OISE, "S1", eur("5000.01"), date("2021-07-15"), null)),
                    Rule.RESTITUTION_EXCEEDS_DUE);
        }

        @Test
        void closure_after_termination_settles_what_is_left() {
            fixture.given(with(oiseSpending(), oiseTerminated(),
                            new FundsRestituted(OISE, "S1", eur("5000.00"), date("2021-07-15"), null),
                            new CpPaid(OISE, DpNumber.of("300000002"), EJ1, eur("6000.00"), date("2021-07-30"),
                                    date("2021-08-05"), null)))
                    .when(new CloseConvention(OISE, date("2021-09-30")))
                    .expectEventsMatching(ExpectedEvents.exactly(new ConventionClosed(OISE, date("2021-09-30"),
                                    eur("20000.00"), eur("15000.00"), eur("5000.00"), eur("0.00"), eur("0.00")),
                            ConventionEvent.ErdaIssued.class, new ConventionSettled(OISE, date("2021-09-30"))));
        }

        @Test
        void TERMINATION_BEFORE_LAST_COMMITMENT_refused() {
            refusedBy(fixture.given(oiseSpending()).when(new TerminateConvention(OISE, date("2021-02-14"), "x")),
                    Rule.TERMINATION_BEFORE_LAST_COMMITMENT);
        }

        @Test
        void a_second_termination_is_a_retry_or_a_conflict() {
            fixture.given(with(oiseSpending(), oiseTerminated()))
                    .when(new TerminateConvention(OISE, date("2021-06-30"), "Fin du projet")).expectNoEvents();
            fixture.given(with(oiseSpending(), oiseTerminated()))
                    .when(new TerminateConvention(OISE, date("2021-07-30"), "Fin du projet"))
                    .expectException(IdentifierConflict.class);
        }
    }
}
