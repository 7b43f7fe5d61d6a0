package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionCommand.AmendConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.CallForFunds;
import fr.dinum.ledger.domain.convention.ConventionCommand.CommitAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.PayCp;
import fr.dinum.ledger.domain.convention.ConventionCommand.SignConvention;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeCommitted;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeReleased;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionAmended;
import fr.dinum.ledger.domain.convention.ConventionEvent.CpPaid;
import fr.dinum.ledger.domain.convention.ConventionEvent.CreditsOpened;
import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaIssued;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsCalled;
import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import fr.dinum.ledger.domain.convention.ConventionEvent.TrancheThresholdReached;
import fr.dinum.ledger.domain.convention.ConventionEvent.TrancheThresholdReachedEarlier;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static fr.dinum.ledger.domain.convention.ConventionRulesTest.CLOCK;
import static fr.dinum.ledger.domain.convention.ConventionRulesTest.signed;
import static fr.dinum.ledger.domain.convention.Seeds.date;
import static fr.dinum.ledger.domain.convention.Seeds.eur;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business time against the order of keying: a threshold that a late fact shows was reached
 * earlier moves back, and the period (its start at effectiveOn, its end as the avenants set it,
 * and whether it covers payments) is judged at the dates of the facts. Nested classes are named
 * after the rule or behaviour they check.
 */
class BusinessTimeRulesTest {

    static final String ANCT = "ANCT-2020-INCUBATEUR";
    static final String CEREMA = "CEREMA-2020-FRICHES";
    static final EjNumber EJ1 = EjNumber.of("1300000001");
    static final EjNumber EJ2 = EjNumber.of("1300000002");
    static final Supplier SUPPLIER = new Supplier("Octo Technology", null);

    FixtureConfiguration<Convention> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Convention.class);
        fixture.registerInjectableResource(CLOCK);
    }

    static FixtureConfiguration<Convention> newFixture() {
        FixtureConfiguration<Convention> fresh = new AggregateTestFixture<>(Convention.class);
        fresh.registerInjectableResource(CLOCK);
        return fresh;
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>(List.of(first));
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    static void refusedBy(ResultValidator<Convention> result, Rule rule) {
        result.expectNoEvents().expectException(Matchers.predicate(
                e -> e instanceof RuleViolation violation && violation.rule() == rule));
    }

    static List<Object> with(List<Object> base, Object... more) {
        List<Object> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    static CpPaid paid(String id, EjNumber ej, String dp, String amount, String serviceFaitOn, String paidOn) {
        return new CpPaid(id, DpNumber.of(dp), ej, eur(amount), date(serviceFaitOn), date(paidOn), null);
    }

    static PayCp pay(String id, EjNumber ej, String dp, String amount, String serviceFaitOn, String paidOn) {
        return new PayCp(id, DpNumber.of(dp), ej, eur(amount), date(serviceFaitOn), date(paidOn), null);
    }

    static AeCommitted committed(String id, EjNumber ej, String amount, String on) {
        return new AeCommitted(id, ej, eur(amount), date(on), SUPPLIER, "Incubateur", null);
    }

    static CommitAe commit(String id, EjNumber ej, String amount, String on) {
        return new CommitAe(id, ej, eur(amount), date(on), SUPPLIER, "Incubateur", null);
    }

    static SignConvention cerema(LocalDate effectiveOn, PeriodCovers covers) {
        SignConvention c = Seeds.cerema();
        return new SignConvention(c.conventionId(), c.title(), c.contributor(), c.beneficiary(), c.fund(), c.amount(),
                c.fundingMode(), c.tranches(), c.coFinancing(), c.signedOn(), effectiveOn, c.endsOn(), covers);
    }

    /** Cerema (period to 2021-05-31, covering payments) signed, 200 000 received and opened, one EJ of 150 000. */
    static List<Object> ceremaCommitted(SignConvention signature) {
        return new ArrayList<>(List.of(signed(signature),
                new PaymentReceived(CEREMA, "R1", eur("200000.00"), date("2020-09-20"), 1, null),
                new CreditsOpened(CEREMA, "O1", eur("200000.00"), eur("200000.00"), date("2020-10-05"), "A1"),
                committed(CEREMA, EJ1, "150000.00", "2020-10-12")));
    }

    static ConventionAmended ceremaEndMoved(String id, String signedOn, String endsOn) {
        return ceremaEndMoved(id, signedOn, endsOn, "Avenant");
    }

    static ConventionAmended ceremaEndMoved(String id, String signedOn, String endsOn, String summary) {
        SignConvention c = Seeds.cerema();
        return new ConventionAmended(CEREMA, id, date(signedOn), summary, new Schedule(c.amount(), c.endsOn(),
                c.tranches()), new Schedule(c.amount(), date(endsOn), c.tranches()));
    }

    // ------------------------------------------------------------------------------------------------
    // Thresholds moved back by facts keyed late

    /** ANCT: tranche 1 received, 800 000 opened and committed; 500 000 paid on 5 October, 100 000 on 20 November. */
    static List<Object> anctReachedInNovember() {
        return new ArrayList<>(List.of(signed(Seeds.anct()),
                new PaymentReceived(ANCT, "R1", eur("800000.00"), date("2020-06-15"), 1, null),
                new CreditsOpened(ANCT, "O1", eur("800000.00"), eur("800000.00"), date("2020-07-01"), "A1"),
                committed(ANCT, EJ1, "800000.00", "2020-07-10"),
                paid(ANCT, EJ1, "200000001", "500000.00", "2020-09-30", "2020-10-05"),
                paid(ANCT, EJ1, "200000002", "100000.00", "2020-11-10", "2020-11-20"),
                new TrancheThresholdReached(ANCT, 2, eur("600000.00"), ConsumptionBasis.CP, eur("600000.00"),
                        date("2020-11-20"))));
    }

    /** The payment keyed late: 100 000 paid on 10 October, which puts the CP paid at 600 000 that day. */
    static PayCp lateOctoberPayment() {
        return pay(ANCT, EJ1, "200000003", "100000.00", "2020-10-01", "2020-10-10");
    }

    static TrancheThresholdReachedEarlier movedToTenOctober() {
        return new TrancheThresholdReachedEarlier(ANCT, 2, eur("600000.00"), ConsumptionBasis.CP, eur("600000.00"),
                date("2020-11-20"), date("2020-10-10"));
    }

    @Nested
    class ThresholdReachedEarlier {
        @Test
        void a_payment_keyed_late_and_dated_before_the_recorded_date_moves_the_threshold_back() {
            // CP paid: 500 000 on 5 October + 100 000 on 10 October = 600 000 = the threshold, on 10 October.
            fixture.given(anctReachedInNovember())
                    .when(lateOctoberPayment())
                    .expectEvents(paid(ANCT, EJ1, "200000003", "100000.00", "2020-10-01", "2020-10-10"),
                            movedToTenOctober());
        }

        @Test
        void TRANCHE_THRESHOLD_NOT_REACHED_a_call_between_the_true_and_the_recorded_date_is_refused_before_the_late_fact() {
            refusedBy(fixture.given(anctReachedInNovember()).when(new CallForFunds(ANCT, "C2", 2, date("2020-10-15"))),
                    Rule.TRANCHE_THRESHOLD_NOT_REACHED);
        }

        @Test
        void TRANCHE_THRESHOLD_NOT_REACHED_a_call_between_the_true_and_the_recorded_date_is_allowed_after_it() {
            // As of 15 October: two payments, 600 000 paid; the ERDA of that date is number 1.
            fixture.given(with(anctReachedInNovember(),
                            paid(ANCT, EJ1, "200000003", "100000.00", "2020-10-01", "2020-10-10"), movedToTenOctober()))
                    .when(new CallForFunds(ANCT, "C2", 2, date("2020-10-15")))
                    .expectEventsMatching(ExpectedEvents.exactly(ErdaIssued.class,
                            new FundsCalled(ANCT, "C2", 2, eur("400000.00"), date("2020-10-15"), eur("600000.00"), 2,
                                    eur("600000.00"), 1)));
        }

        @Test
        void TRANCHE_THRESHOLD_NOT_REACHED_a_call_before_the_new_date_is_still_refused() {
            refusedBy(fixture.given(with(anctReachedInNovember(),
                            paid(ANCT, EJ1, "200000003", "100000.00", "2020-10-01", "2020-10-10"), movedToTenOctober()))
                    .when(new CallForFunds(ANCT, "C2", 2, date("2020-10-09"))), Rule.TRANCHE_THRESHOLD_NOT_REACHED);
        }

        @Test
        void a_fact_dated_after_the_recorded_date_moves_nothing() {
            fixture.given(anctReachedInNovember())
                    .when(pay(ANCT, EJ1, "200000003", "100000.00", "2020-11-25", "2020-11-30"))
                    .expectEvents(paid(ANCT, EJ1, "200000003", "100000.00", "2020-11-25", "2020-11-30"));
        }

        @Test
        void a_late_fact_that_does_not_reach_the_threshold_earlier_moves_nothing() {
            // 5 October: 500 000 + 50 000 = 550 000, still below 600 000 until 20 November.
            fixture.given(anctReachedInNovember())
                    .when(pay(ANCT, EJ1, "200000003", "50000.00", "2020-10-01", "2020-10-10"))
                    .expectEvents(paid(ANCT, EJ1, "200000003", "50000.00", "2020-10-01", "2020-10-10"));
        }

        @Test
        void after_a_call_the_threshold_still_moves_back_and_the_call_stands() {
            List<Object> called = with(anctReachedInNovember(),
                    new ErdaIssued(ANCT, 1, date("2020-11-25"), false, date("2020-11-25"), 2, eur("600000.00"),
                            eur("800000.00"), "0".repeat(64), fr.dinum.ledger.domain.erda.CanonicalFormat.V2),
                    new FundsCalled(ANCT, "C2", 2, eur("400000.00"), date("2020-11-25"), eur("600000.00"), 2,
                            eur("600000.00"), 1));
            fixture.given(called)
                    .when(lateOctoberPayment())
                    .expectEvents(paid(ANCT, EJ1, "200000003", "100000.00", "2020-10-01", "2020-10-10"),
                            movedToTenOctober());
            // The call is the same call: a retry answers it, nothing new is recorded.
            fixture.given(with(called, paid(ANCT, EJ1, "200000003", "100000.00", "2020-10-01", "2020-10-10"),
                            movedToTenOctober()))
                    .when(new CallForFunds(ANCT, "C2", 2, date("2020-11-25")))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
        }

        @Test
        void the_date_a_threshold_was_reached_does_not_depend_on_the_order_in_which_payments_are_keyed() {
            // CP paid: 300 000 on 5 September, 500 000 on 1 October, 600 000 on 10 October (the threshold),
            // 750 000 on 20 November. In each of the 24 orders of keying, tranche 2 can be called from
            // 10 October and not before.
            List<PayCp> payments = List.of(
                    pay(ANCT, EJ1, "200000001", "300000.00", "2020-09-01", "2020-09-05"),
                    pay(ANCT, EJ1, "200000002", "200000.00", "2020-09-20", "2020-10-01"),
                    pay(ANCT, EJ1, "200000003", "100000.00", "2020-10-05", "2020-10-10"),
                    pay(ANCT, EJ1, "200000004", "150000.00", "2020-11-01", "2020-11-20"));
            List<Object> funded = anctReachedInNovember().subList(0, 4);
            List<List<PayCp>> orders = permutations(payments);
            assertThat(orders).hasSize(24);
            for (List<PayCp> order : orders) {
                newFixture().given(funded).andGivenCommands(order)
                        .when(new CallForFunds(ANCT, "C2", 2, date("2020-10-10")))
                        .expectSuccessfulHandlerExecution();
                refusedBy(newFixture().given(funded).andGivenCommands(order)
                        .when(new CallForFunds(ANCT, "C2", 2, date("2020-10-09"))), Rule.TRANCHE_THRESHOLD_NOT_REACHED);
            }
        }

        @Test
        void a_threshold_date_never_moves_later_a_release_does_not_undo_it() {
            // AE basis, threshold 80 000: 50 000 committed on 10 January and 40 000 on 1 February reach it
            // on 1 February. A release of 20 000 dated 20 January, keyed late, leaves 70 000 on 1 February;
            // a commitment of 15 000 on 1 March makes 85 000. The threshold stays reached on 1 February.
            String id = "AE-BASIS";
            SignConvention ae = new SignConvention(id, "Seuil en AE", Seeds.cerema().contributor(), "DINUM", null,
                    eur("200000.00"), FundingMode.ADVANCE,
                    List.of(Seeds.onSignature(1, "150000.00"),
                            new Tranche(2, eur("50000.00"), TrancheTrigger.ON_CONSUMPTION, eur("80000.00"),
                                    ConsumptionBasis.AE)),
                    List.of(), date("2020-01-05"), null, null);
            fixture.given(signed(ae), new PaymentReceived(id, "R1", eur("150000.00"), date("2020-01-06"), 1, null),
                            committed(id, EJ1, "50000.00", "2020-01-10"), committed(id, EJ2, "40000.00", "2020-02-01"),
                            new TrancheThresholdReached(id, 2, eur("80000.00"), ConsumptionBasis.AE, eur("90000.00"),
                                    date("2020-02-01")),
                            new AeReleased(id, EJ1, "L1", eur("20000.00"), date("2020-01-20"), "Solde"))
                    .when(commit(id, EjNumber.of("1300000003"), "15000.00", "2020-03-01"))
                    .expectEvents(committed(id, EjNumber.of("1300000003"), "15000.00", "2020-03-01"));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The period: its start, its end in force at each date, and whether it covers payments

    @Nested
    class PAYMENT_OUTSIDE_PERIOD {
        @Test
        void allowed_when_the_service_and_the_payment_are_on_the_last_day_of_the_period() {
            fixture.given(ceremaCommitted(Seeds.cerema()))
                    .when(pay(CEREMA, EJ1, "200000101", "50000.00", "2021-05-31", "2021-05-31"))
                    .expectEvents(paid(CEREMA, EJ1, "200000101", "50000.00", "2021-05-31", "2021-05-31"));
        }

        @Test
        void refused_when_paid_after_the_end_of_a_period_that_covers_payments() {
            refusedBy(fixture.given(ceremaCommitted(Seeds.cerema()))
                            .when(pay(CEREMA, EJ1, "200000101", "50000.00", "2021-05-31", "2021-06-01")),
                    Rule.PAYMENT_OUTSIDE_PERIOD);
        }

        @Test
        void allowed_after_the_end_when_the_period_covers_commitments_only() {
            fixture.given(ceremaCommitted(cerema(null, PeriodCovers.COMMITMENTS)))
                    .when(pay(CEREMA, EJ1, "200000101", "50000.00", "2021-06-15", "2021-07-01"))
                    .expectEvents(paid(CEREMA, EJ1, "200000101", "50000.00", "2021-06-15", "2021-07-01"));
        }

        @Test
        void allowed_after_the_first_end_once_an_avenant_signed_before_it_extended_the_period() {
            // The demo's story: avenant of 15 April 2021 extends the period to 31 December 2021.
            fixture.given(with(ceremaCommitted(Seeds.cerema()), ceremaEndMoved("AV1", "2021-04-15", "2021-12-31")))
                    .when(pay(CEREMA, EJ1, "200000102", "90000.00", "2021-06-30", "2021-07-09"))
                    .expectEvents(paid(CEREMA, EJ1, "200000102", "90000.00", "2021-06-30", "2021-07-09"));
        }

        @Test
        void refused_for_a_service_done_while_the_convention_had_lapsed_even_if_a_later_avenant_extended_it() {
            // Ended 31 May; an avenant signed 10 June extends it. A service fait on 5 June fell outside the
            // period in force that day; one on 15 June is inside the extended period.
            List<Object> lapsedThenExtended = with(ceremaCommitted(Seeds.cerema()),
                    ceremaEndMoved("AV1", "2021-06-10", "2021-12-31"));
            refusedBy(fixture.given(lapsedThenExtended)
                            .when(pay(CEREMA, EJ1, "200000101", "50000.00", "2021-06-05", "2021-06-20")),
                    Rule.PAYMENT_OUTSIDE_PERIOD);
            fixture.given(lapsedThenExtended)
                    .when(pay(CEREMA, EJ1, "200000101", "50000.00", "2021-06-15", "2021-06-20"))
                    .expectEvents(paid(CEREMA, EJ1, "200000101", "50000.00", "2021-06-15", "2021-06-20"));
        }

        @Test
        void refused_when_a_later_avenant_ended_the_period_before_the_payment() {
            // Avenant of 15 April ends the period on 5 April: a payment dated 10 April, keyed after it, is
            // outside the period that the avenant put in force from 15 April on.
            refusedBy(fixture.given(with(ceremaCommitted(Seeds.cerema()), ceremaEndMoved("AV1", "2021-04-15", "2021-04-05")))
                            .when(pay(CEREMA, EJ1, "200000101", "50000.00", "2021-04-01", "2021-04-10")),
                    Rule.PAYMENT_OUTSIDE_PERIOD);
        }

        @Test
        void PERIOD_INVALID_an_avenant_cannot_end_a_period_covering_payments_before_a_payment() {
            List<Object> paidInApril = with(ceremaCommitted(Seeds.cerema()),
                    paid(CEREMA, EJ1, "200000101", "50000.00", "2021-04-01", "2021-04-10"));
            AmendConvention endsEarly = new AmendConvention(CEREMA, "AV1", date("2021-04-15"), "Fin anticipée", null,
                    date("2021-04-05"), null);
            refusedBy(fixture.given(paidInApril).when(endsEarly), Rule.PERIOD_INVALID);
            fixture.given(paidInApril)
                    .when(new AmendConvention(CEREMA, "AV1", date("2021-04-15"), "Fin anticipée", null,
                            date("2021-04-10"), null))
                    .expectEvents(ceremaEndMoved("AV1", "2021-04-15", "2021-04-10", "Fin anticipée"));
        }

        @Test
        void PERIOD_INVALID_an_avenant_may_end_a_period_of_commitments_only_before_a_payment() {
            List<Object> paidInApril = with(ceremaCommitted(cerema(null, PeriodCovers.COMMITMENTS)),
                    paid(CEREMA, EJ1, "200000101", "50000.00", "2021-04-01", "2021-04-10"));
            fixture.given(paidInApril)
                    .when(new AmendConvention(CEREMA, "AV1", date("2021-04-15"), "Fin anticipée", null,
                            date("2021-04-05"), null))
                    .expectEvents(ceremaEndMoved("AV1", "2021-04-15", "2021-04-05", "Fin anticipée"));
        }
    }

    @Nested
    class COMMITMENT_OUTSIDE_PERIOD {
        @Test
        void refused_before_the_effective_date_when_one_is_given() {
            // Signed 3 September 2020, published (effective) 1 October 2020.
            SignConvention published = cerema(date("2020-10-01"), PeriodCovers.COMMITMENTS_AND_PAYMENTS);
            List<Object> funded = List.of(signed(published),
                    new PaymentReceived(CEREMA, "R1", eur("200000.00"), date("2020-09-20"), 1, null),
                    new CreditsOpened(CEREMA, "O1", eur("200000.00"), eur("200000.00"), date("2020-09-25"), "A1"));
            refusedBy(fixture.given(funded).when(commit(CEREMA, EJ1, "10.00", "2020-09-30")),
                    Rule.COMMITMENT_OUTSIDE_PERIOD);
            fixture.given(funded).when(commit(CEREMA, EJ1, "10.00", "2020-10-01"))
                    .expectEvents(committed(CEREMA, EJ1, "10.00", "2020-10-01"));
        }

        @Test
        void refused_while_the_convention_had_lapsed_even_if_a_later_avenant_extended_it() {
            // Ended 31 May 2021; an avenant of 1 July extends it to 31 December. A commitment dated 15 June
            // was made with no convention in force; one dated 15 July is inside the extended period.
            List<Object> lapsedThenExtended = with(ceremaCommitted(Seeds.cerema()),
                    ceremaEndMoved("AV1", "2021-07-01", "2021-12-31"));
            refusedBy(fixture.given(lapsedThenExtended).when(commit(CEREMA, EJ2, "10.00", "2021-06-15")),
                    Rule.COMMITMENT_OUTSIDE_PERIOD);
            fixture.given(lapsedThenExtended).when(commit(CEREMA, EJ2, "10.00", "2021-07-15"))
                    .expectEvents(committed(CEREMA, EJ2, "10.00", "2021-07-15"));
        }

        @Test
        void allowed_after_the_first_end_once_an_avenant_signed_before_it_extended_the_period() {
            fixture.given(with(ceremaCommitted(Seeds.cerema()), ceremaEndMoved("AV1", "2021-04-15", "2021-12-31")))
                    .when(commit(CEREMA, EJ2, "10.00", "2021-09-01"))
                    .expectEvents(committed(CEREMA, EJ2, "10.00", "2021-09-01"));
        }
    }
}
