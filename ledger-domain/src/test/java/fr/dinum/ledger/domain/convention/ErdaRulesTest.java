package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionCommand.IssueErda;
import fr.dinum.ledger.domain.convention.ConventionCommand.SignErda;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeCommitted;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionClosed;
import fr.dinum.ledger.domain.convention.ConventionEvent.CpPaid;
import fr.dinum.ledger.domain.convention.ConventionEvent.CreditsOpened;
import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaIssued;
import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaSigned;
import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import fr.dinum.ledger.domain.convention.Terms.Supplier;
import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.domain.erda.ErdaRole;
import fr.dinum.ledger.domain.values.DpNumber;
import fr.dinum.ledger.domain.values.EjNumber;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
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

/** Issuing (freezing) and signing ERDAs. */
class ErdaRulesTest {

    static final String CEREMA = "CEREMA-2020-FRICHES";
    static final EjNumber EJ1 = EjNumber.of("1300000001");

    FixtureConfiguration<Convention> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Convention.class);
        fixture.registerInjectableResource(CLOCK);
    }

    static List<Object> history() {
        return new ArrayList<>(List.of(signed(Seeds.cerema()),
                new PaymentReceived(CEREMA, "R1", eur("200000.00"), date("2020-09-10"), 1, null),
                new CreditsOpened(CEREMA, "O1", eur("200000.00"), eur("200000.00"), date("2020-09-15"), "A"),
                new AeCommitted(CEREMA, EJ1, eur("100000.00"), date("2020-10-01"), new Supplier("Octo | <b>", null), "Coaching", null),
                new CpPaid(CEREMA, DpNumber.of("200000002"), EJ1, eur("30000.00"), date("2020-11-01"), date("2020-11-20"), null),
                new CpPaid(CEREMA, DpNumber.of("200000001"), EJ1, eur("20000.00"), date("2020-11-01"), date("2020-11-20"), null),
                new CpPaid(CEREMA, DpNumber.of("200000003"), EJ1, eur("50000.00"), date("2021-01-10"), date("2021-01-15"), null)));
    }

    static ErdaIssued issued(int number, String asOf, String sha256) {
        return new ErdaIssued(CEREMA, number, date(asOf), false, date("2026-11-22"), 2, eur("50000.00"), eur("200000.00"), sha256);
    }

    @Test
    void an_erda_is_frozen_with_its_figures_and_the_hash_of_its_content() {
        fixture.given(history()).when(new IssueErda(CEREMA, date("2020-12-31"), false))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(Matchers.predicate(p -> {
                    ErdaIssued e = (ErdaIssued) p;
                    assertThat(e.number()).isEqualTo(1);
                    assertThat(e.asOf()).isEqualTo(date("2020-12-31"));
                    assertThat(e.issuedOn()).as("today, from the clock").isEqualTo(date("2026-11-22"));
                    assertThat(e.paymentCount()).isEqualTo(2);
                    assertThat(e.totalPaid()).isEqualTo(eur("50000.00"));
                    assertThat(e.received()).isEqualTo(eur("200000.00"));
                    assertThat(e.sha256()).matches("[0-9a-f]{64}");
                    return true;
                }), Matchers.andNoMore())))
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> ((CommandOutcome) r).erdaNumber() == 1));
    }

    @Test
    void the_lines_are_ordered_by_payment_date_then_dp_with_a_running_total() {
        Convention convention = new Convention();
        history().forEach(event -> replay(convention, event));
        ErdaContent content = convention.erdaContent(date("2021-12-31"), false);
        assertThat(content.lines()).extracting(ErdaContent.Line::dpNumber)
                .containsExactly("200000001", "200000002", "200000003");
        assertThat(content.lines()).extracting(ErdaContent.Line::cumulative)
                .containsExactly(eur("20000.00"), eur("50000.00"), eur("100000.00"));
        assertThat(content.lines().get(0).exercice()).isEqualTo(2020);
        assertThat(content.lines().get(2).exercice()).isEqualTo(2021);
        assertThat(content.totalPaid()).isEqualTo(eur("100000.00"));
        assertThat(content.balance()).isEqualTo(eur("100000.00"));
        assertThat(content.canonicalText()).contains("Octo \\| <b>");
        assertThat(content.sha256()).isEqualTo(convention.erdaContent(date("2021-12-31"), false).sha256());
        assertThat(content.sha256()).isNotEqualTo(convention.erdaContent(date("2020-12-31"), false).sha256());
    }

    private static void replay(Convention convention, Object event) {
        // The event sourcing handlers are package-private: call them as Axon would.
        try {
            var method = Convention.class.getDeclaredMethod("on", event.getClass());
            method.setAccessible(true);
            method.invoke(convention, event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_same_erda_asked_again_with_nothing_new_is_the_one_already_issued() {
        Convention convention = new Convention();
        history().forEach(event -> replay(convention, event));
        String sha = convention.erdaContent(date("2020-12-31"), false).sha256();
        fixture.given(history()).andGiven(issued(1, "2020-12-31", sha))
                .when(new IssueErda(CEREMA, date("2020-12-31"), false)).expectNoEvents()
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> !((CommandOutcome) r).recorded()
                        && ((CommandOutcome) r).erdaNumber() == 1));
    }

    @Test
    void a_new_payment_dated_before_as_of_makes_a_new_erda_with_the_next_number() {
        fixture.given(history()).andGiven(issued(1, "2020-12-31", "0".repeat(64)))
                .when(new IssueErda(CEREMA, date("2020-12-31"), false))
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> ((CommandOutcome) r).recorded()
                        && ((CommandOutcome) r).erdaNumber() == 2));
    }

    @Nested
    class ERDA_FINAL_BEFORE_CLOSURE {
        @Test
        void refused_before_closure() {
            fixture.given(history()).when(new IssueErda(CEREMA, date("2021-06-30"), true)).expectNoEvents()
                    .expectException(Matchers.predicate(e -> e instanceof RuleViolation v
                            && v.rule() == Rule.ERDA_FINAL_BEFORE_CLOSURE));
        }

        @Test
        void allowed_after_closure() {
            List<Object> closed = history();
            closed.add(new ConventionClosed(CEREMA, date("2021-06-30"), eur("200000.00"), eur("100000.00"), eur("0.00"),
                    eur("100000.00"), eur("0.00")));
            fixture.given(closed).when(new IssueErda(CEREMA, date("2021-06-30"), true))
                    .expectEventsMatching(ExpectedEvents.exactly(ErdaIssued.class));
        }
    }

    @Nested
    class ERDA_ALREADY_SIGNED {
        @Test
        void each_role_signs_once_and_a_retry_is_recorded_once() {
            List<Object> given = history();
            given.add(issued(1, "2020-12-31", "a".repeat(64)));
            given.add(new ErdaSigned(CEREMA, 1, ErdaRole.ORDONNATEUR, "Mme Ordonnatrice", date("2026-11-22")));
            fixture.given(given).when(new SignErda(CEREMA, 1, ErdaRole.ORDONNATEUR, "M. Autre", date("2026-11-22")))
                    .expectNoEvents().expectException(Matchers.predicate(e -> e instanceof RuleViolation v
                            && v.rule() == Rule.ERDA_ALREADY_SIGNED));
            fixture.given(given).when(new SignErda(CEREMA, 1, ErdaRole.ORDONNATEUR, "Mme Ordonnatrice", date("2026-11-22")))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
            fixture.given(given).when(new SignErda(CEREMA, 1, ErdaRole.COMPTABLE, "M. Comptable", date("2026-11-22")))
                    .expectEvents(new ErdaSigned(CEREMA, 1, ErdaRole.COMPTABLE, "M. Comptable", date("2026-11-22")));
        }
    }

    @Nested
    class UNKNOWN_ERDA {
        @Test
        void refused() {
            fixture.given(history()).when(new SignErda(CEREMA, 7, ErdaRole.COMPTABLE, "x", date("2026-11-22")))
                    .expectNoEvents().expectException(Matchers.predicate(e -> e instanceof RuleViolation v
                            && v.rule() == Rule.UNKNOWN_ERDA));
        }
    }

    @Nested
    class ERDA_SIGNED_BEFORE_ISSUE {
        @Test
        void refused() {
            List<Object> given = history();
            given.add(issued(1, "2020-12-31", "a".repeat(64)));
            fixture.given(given).when(new SignErda(CEREMA, 1, ErdaRole.COMPTABLE, "x", date("2026-11-21")))
                    .expectNoEvents().expectException(Matchers.predicate(e -> e instanceof RuleViolation v
                            && v.rule() == Rule.ERDA_SIGNED_BEFORE_ISSUE));
        }
    }
}
