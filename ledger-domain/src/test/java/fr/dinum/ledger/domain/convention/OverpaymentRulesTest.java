package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionCommand.OpenCredits;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReceivePayment;
import fr.dinum.ledger.domain.convention.ConventionCommand.RestituteFunds;
import fr.dinum.ledger.domain.convention.ConventionEvent.CreditsOpened;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsRestituted;
import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static fr.dinum.ledger.domain.convention.ConventionRulesTest.CEREMA;
import static fr.dinum.ledger.domain.convention.ConventionRulesTest.CLOCK;
import static fr.dinum.ledger.domain.convention.ConventionRulesTest.received;
import static fr.dinum.ledger.domain.convention.ConventionRulesTest.refusedBy;
import static fr.dinum.ledger.domain.convention.ConventionRulesTest.signed;
import static fr.dinum.ledger.domain.convention.Seeds.date;
import static fr.dinum.ledger.domain.convention.Seeds.eur;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money that really arrived above what was payable (issue 9, "Money that really arrived"): refused
 * by default as a typing error, recorded with {@code overpayment: true}, its excess due back at once,
 * never opened as credits, and given back without cancelling any.
 */
class OverpaymentRulesTest {

    FixtureConfiguration<Convention> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Convention.class);
        fixture.registerInjectableResource(CLOCK);
    }

    /** Cerema (200 000 payable at signature), fully received on 10/09/2020. */
    static List<Object> fullyReceived() {
        return new ArrayList<>(List.of(signed(Seeds.cerema()), received("R1", "200000.00", "2020-09-10")));
    }

    /** The same, then 5 000 more that really arrived on 20/09/2020. */
    static List<Object> overpaid() {
        List<Object> events = fullyReceived();
        events.add(new PaymentReceived(CEREMA, "R2", eur("5000.00"), date("2020-09-20"), 1, "Virement en double",
                eur("5000.00")));
        return events;
    }

    static ReceivePayment receive(String id, String amount, boolean overpayment) {
        return new ReceivePayment(CEREMA, id, eur(amount), date("2020-09-20"), null, "Virement en double", overpayment);
    }

    @Nested
    class Receipts {
        @Test
        void RECEIPTS_EXCEED_AMOUNT_refused_without_overpayment() {
            refusedBy(fixture.given(fullyReceived()).when(receive("R2", "5000.00", false)), Rule.RECEIPTS_EXCEED_AMOUNT);
        }

        @Test
        void allowed_with_overpayment_the_whole_amount_is_recorded_as_excess_on_the_last_payable_tranche() {
            fixture.given(fullyReceived()).when(receive("R2", "5000.00", true))
                    .expectEvents(new PaymentReceived(CEREMA, "R2", eur("5000.00"), date("2020-09-20"), 1,
                            "Virement en double", eur("5000.00")));
        }

        @Test
        void allowed_with_overpayment_only_the_part_above_what_is_payable_is_excess() {
            List<Object> given = new ArrayList<>(List.of(signed(Seeds.cerema()), received("R1", "190000.00", "2020-09-10")));
            fixture.given(given).when(receive("R2", "15000.00", true))
                    .expectEvents(new PaymentReceived(CEREMA, "R2", eur("15000.00"), date("2020-09-20"), 1,
                            "Virement en double", eur("5000.00")));
        }

        @Test
        void a_receipt_within_what_is_payable_records_no_excess_even_with_overpayment() {
            List<Object> given = new ArrayList<>(List.of(signed(Seeds.cerema())));
            fixture.given(given).when(receive("R1", "200000.00", true))
                    .expectEvents(new PaymentReceived(CEREMA, "R1", eur("200000.00"), date("2020-09-20"), 1,
                            "Virement en double", eur("0.00")));
        }

        @Test
        void the_same_receipt_without_overpayment_is_not_a_retry_of_one_recorded_with_an_excess() {
            fixture.given(overpaid()).when(receive("R2", "5000.00", false))
                    .expectNoEvents().expectException(IdentifierConflict.class);
        }

        @Test
        void the_same_receipt_with_overpayment_is_a_retry() {
            fixture.given(overpaid()).when(receive("R2", "5000.00", true)).expectNoEvents();
        }
    }

    @Nested
    class Credits {
        @Test
        void AE_OPENED_EXCEEDS_RECEIVED_the_excess_is_never_opened() {
            refusedBy(fixture.given(overpaid())
                            .when(new OpenCredits(CEREMA, "O1", eur("200000.01"), eur("0.00"), date("2020-09-25"), "A1")),
                    Rule.AE_OPENED_EXCEEDS_RECEIVED);
        }

        @Test
        void allowed_up_to_what_was_payable() {
            fixture.given(overpaid())
                    .when(new OpenCredits(CEREMA, "O1", eur("200000.00"), eur("200000.00"), date("2020-09-25"), "A1"))
                    .expectEvents(new CreditsOpened(CEREMA, "O1", eur("200000.00"), eur("200000.00"),
                            date("2020-09-25"), "A1"));
        }
    }

    @Nested
    class Restitution {
        @Test
        void allowed_at_once_for_the_excess_while_the_convention_is_active_and_cancels_no_credits() {
            fixture.given(overpaid())
                    .when(new RestituteFunds(CEREMA, "S1", eur("5000.00"), date("2020-09-25"), "Trop-perçu"))
                    .expectEvents(new FundsRestituted(CEREMA, "S1", eur("5000.00"), date("2020-09-25"), "Trop-perçu"));
        }

        @Test
        void RESTITUTION_BEFORE_CLOSURE_refused_beyond_the_excess_while_active() {
            refusedBy(fixture.given(overpaid())
                            .when(new RestituteFunds(CEREMA, "S1", eur("5000.01"), date("2020-09-25"), null)),
                    Rule.RESTITUTION_BEFORE_CLOSURE);
        }

        @Test
        void RESTITUTION_BEFORE_CLOSURE_refused_before_the_excess_arrived() {
            refusedBy(fixture.given(overpaid())
                            .when(new RestituteFunds(CEREMA, "S1", eur("5000.00"), date("2020-09-15"), null)),
                    Rule.RESTITUTION_BEFORE_CLOSURE);
        }

    }

    @Nested
    class Figures {
        static final Funding ADVANCE_ON_FUND = new Funding(FundingMode.ADVANCE, true, eur("200000.00"));
        static final Funding ADVANCE_WITHOUT_FUND = new Funding(FundingMode.ADVANCE, false, eur("200000.00"));

        /** 205 000 received of which 5 000 above the amount, 200 000 opened, 150 000 committed, 100 000 paid. */
        static Totals totals(String restituted) {
            return new Totals(eur("205000.00"), eur("200000.00"), eur("200000.00"), eur("150000.00"), eur("0.00"),
                    eur("100000.00"), eur(restituted), eur("5000.00"));
        }

        @Test
        void the_excess_is_due_at_once_and_never_available() {
            Balance balance = Balance.of(CEREMA, date("2020-12-31"), ConventionStatus.ACTIVE, ADVANCE_ON_FUND,
                    List.of(), totals("0.00"));
            assertThat(balance.overpaid()).isEqualTo(eur("5000.00"));
            assertThat(balance.restitutionDue()).isEqualTo(eur("5000.00"));
            assertThat(balance.aeAvailable()).isEqualTo(eur("50000.00"));
            assertThat(balance.cpAvailable()).isEqualTo(eur("100000.00"));
            assertThat(ADVANCE_WITHOUT_FUND.creditsOpenedAe(totals("0.00"))).as("the money on the schedule")
                    .isEqualTo(eur("200000.00"));
        }

        @Test
        void giving_the_excess_back_cancels_no_credits_and_the_rest_does() {
            assertThat(ADVANCE_ON_FUND.creditsCancelled(totals("5000.00"))).isEqualTo(eur("0.00"));
            assertThat(ADVANCE_ON_FUND.creditsCancelled(totals("7000.00"))).isEqualTo(eur("2000.00"));
            Balance balance = Balance.of(CEREMA, date("2020-12-31"), ConventionStatus.ACTIVE, ADVANCE_ON_FUND,
                    List.of(), totals("5000.00"));
            assertThat(balance.restitutionDue()).isEqualTo(eur("0.00"));
            assertThat(balance.aeCancelled()).isEqualTo(eur("0.00"));
        }

        @Test
        void a_reimbursement_owes_back_its_excess_without_credits_to_cancel() {
            Funding reimbursement = new Funding(FundingMode.REIMBURSEMENT, true, eur("9000.00"));
            // Pas-de-Calais: 7 200 paid and called, 7 500 arrived, no credits opened yet.
            Totals totals = new Totals(eur("7500.00"), eur("0.00"), eur("0.00"), eur("7200.00"), eur("0.00"),
                    eur("7200.00"), eur("0.00"), eur("300.00"));
            assertThat(reimbursement.restitutionDue(totals, ConventionStatus.CLOSED)).isEqualTo(eur("300.00"));
            assertThat(reimbursement.contributionDue(totals, ConventionStatus.CLOSED)).isEqualTo(eur("0.00"));
            assertThat(reimbursement.aeToCancel(totals, ConventionStatus.CLOSED)).isEqualTo(eur("0.00"));
            assertThat(reimbursement.restitutionCapacityCp(totals)).as("the excess cancels no credits")
                    .isEqualTo(eur("300.00"));
        }

        @Test
        void the_exercice_lines_follow_the_cumulative_figures_when_the_excess_comes_back_next_year() {
            Totals year2020 = new Totals(eur("205000.00"), eur("200000.00"), eur("200000.00"), eur("0.00"),
                    eur("0.00"), eur("0.00"), eur("0.00"), eur("5000.00"));
            Totals year2021 = new Totals(eur("0.00"), eur("0.00"), eur("0.00"), eur("0.00"), eur("0.00"),
                    eur("0.00"), eur("6000.00"), eur("0.00"));
            List<ExerciceLine> lines = ExerciceLine.chain(ADVANCE_ON_FUND,
                    java.util.Map.of(2020, year2020, 2021, year2021), 2020, 2021);
            // 2021: 6 000 given back, of which 5 000 are the excess (no credits) and 1 000 cancel credits.
            assertThat(lines.get(1).aeCancelled()).isEqualTo(eur("1000.00"));
            assertThat(lines.get(1).aeCarriedOver()).isEqualTo(eur("199000.00"));
        }
    }
}
