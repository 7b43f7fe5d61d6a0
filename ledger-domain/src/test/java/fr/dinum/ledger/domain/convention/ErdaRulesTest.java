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
import fr.dinum.ledger.domain.erda.CanonicalFormat;
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
        return new ErdaIssued(CEREMA, number, date(asOf), false, date("2026-11-22"), 2, eur("50000.00"), eur("200000.00"),
                sha256, CanonicalFormat.V2);
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
    void the_lines_are_grouped_by_ej_with_the_net_ae_once_then_its_payments_by_date_then_dp() {
        List<Object> events = history();
        events.add(new AeCommitted(CEREMA, EjNumber.of("1300000002"), eur("40000.00"), date("2020-10-05"),
                new Supplier("Fournisseur B", null), "Etude", null));
        events.add(new ConventionEvent.AeReleased(CEREMA, EjNumber.of("1300000002"), "REL1", eur("15000.00"),
                date("2021-02-01"), "Moins cher"));
        events.add(new CpPaid(CEREMA, DpNumber.of("200000004"), EjNumber.of("1300000002"), eur("5000.00"),
                date("2020-11-01"), date("2020-11-05"), "FAC-2020-17"));
        Convention convention = rebuilt(events);

        ErdaContent content = convention.erdaContent(date("2021-12-31"), false);

        assertThat(content.commitments()).extracting(ErdaContent.Commitment::ejNumber)
                .containsExactly("1300000001", "1300000002");
        ErdaContent.Commitment first = content.commitments().get(0);
        assertThat(first.payments()).extracting(ErdaContent.Payment::dpNumber)
                .containsExactly("200000001", "200000002", "200000003");
        assertThat(first.payments()).extracting(ErdaContent.Payment::exercice).containsExactly(2020, 2020, 2021);
        ErdaContent.Commitment second = content.commitments().get(1);
        // 40 000 committed, 15 000 released on 1 February 2021: 25 000 net, 5 000 paid, 20 000 left to pay.
        assertThat(second.aeNet()).isEqualTo(eur("25000.00"));
        assertThat(second.restesAPayer()).isEqualTo(eur("20000.00"));
        assertThat(second.payments().get(0).invoiceReference()).isEqualTo("FAC-2020-17");
        // Each amount column adds up to its total: 100 000 + 25 000 net AE, 100 000 + 5 000 paid.
        assertThat(content.totalAeNet()).isEqualTo(eur("125000.00"));
        assertThat(content.totalAeCommitted()).isEqualTo(eur("140000.00"));
        assertThat(content.totalAeReleased()).isEqualTo(eur("15000.00"));
        assertThat(content.totalPaid()).isEqualTo(eur("105000.00"));
        assertThat(content.totalRestesAPayer()).isEqualTo(eur("20000.00"));
        assertThat(content.balance()).as("200 000 received - 105 000 paid").isEqualTo(eur("95000.00"));
        assertThat(content.paymentCount()).isEqualTo(4);
        // Before the release, the EJ still holds its 40 000.
        assertThat(convention.erdaContent(date("2020-12-31"), false).commitments().get(1).aeNet())
                .isEqualTo(eur("40000.00"));
        assertThat(content.canonicalText(CanonicalFormat.V2)).startsWith("ERDA-CANONICAL-V2\n")
                .contains("Octo \\| <b>", "dp=2020|200000004|FAC-2020-17|2020-11-01|2020-11-05|5000.00");
        assertThat(content.sha256(CanonicalFormat.V2))
                .isEqualTo(convention.erdaContent(date("2021-12-31"), false).sha256(CanonicalFormat.V2))
                .isNotEqualTo(convention.erdaContent(date("2020-12-31"), false).sha256(CanonicalFormat.V2));
    }

    /**
     * The SHA-256 of the ERDAs of this history as the first canonical format computed them, before
     * the content was regrouped by EJ (taken from the code of that version): an ERDA issued then
     * must verify forever.
     */
    @Test
    void an_erda_issued_under_the_first_canonical_format_still_verifies() {
        Convention convention = rebuilt(history());

        assertThat(convention.erdaContent(date("2020-12-31"), false).sha256(CanonicalFormat.V1))
                .isEqualTo("d60b4a72372318680543be73a80cf1d39796097bc276078853ef9f783242961f");
        assertThat(convention.erdaContent(date("2021-12-31"), false).sha256(CanonicalFormat.V1))
                .isEqualTo("bf7660e25269e855cb70377763edfecce111dcb31aefaad76f5591c2397bc716");
    }

    @Test
    void the_same_erda_issued_under_the_first_format_and_asked_again_is_the_one_already_issued() {
        String v1 = "d60b4a72372318680543be73a80cf1d39796097bc276078853ef9f783242961f";
        fixture.given(history())
                .andGiven(new ErdaIssued(CEREMA, 1, date("2020-12-31"), false, date("2021-01-10"), 2, eur("50000.00"),
                        eur("200000.00"), v1, CanonicalFormat.V1))
                .when(new IssueErda(CEREMA, date("2020-12-31"), false)).expectNoEvents()
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> !((CommandOutcome) r).recorded()
                        && ((CommandOutcome) r).erdaNumber() == 1));
    }

    @Test
    void a_reimbursement_erda_says_what_the_contributor_owes() {
        String pdc = "PDC-2020-PREINCUBATION";
        EjNumber ej = EjNumber.of("1300000009");
        Convention convention = rebuilt(List.of(signed(Seeds.pasDeCalais()),
                new AeCommitted(pdc, ej, eur("9500.00").minus(eur("500.00")), date("2020-07-01"),
                        new Supplier("Fournisseur", null), "Pré-incubation", null),
                new CpPaid(pdc, DpNumber.of("200000009"), ej, eur("7000.00"), date("2020-10-01"), date("2020-10-15"), "F1")));

        // min(ceiling 9 000, CP paid 7 000) - received 0.
        ErdaContent content = convention.erdaContent(date("2020-12-31"), false);
        assertThat(content.reimbursement()).isTrue();
        assertThat(content.contributionDue()).isEqualTo(eur("7000.00"));
        assertThat(content.amount()).isEqualTo(eur("9000.00"));
        assertThat(content.canonicalText(CanonicalFormat.V2)).contains("fundingMode=REIMBURSEMENT\n",
                "contributionDue=7000.00\n");
    }

    @Test
    void the_co_financing_is_in_the_header() {
        Convention convention = rebuilt(List.of(signed(Seeds.pau())));
        ErdaContent content = convention.erdaContent(date("2021-12-31"), false);
        assertThat(content.coFinancing()).isNotEmpty();
        assertThat(content.canonicalText(CanonicalFormat.V2)).contains("coFunder=" + content.coFinancing().get(0).funder());
    }

    private static Convention rebuilt(List<Object> events) {
        Convention convention = new Convention();
        events.forEach(event -> replay(convention, event));
        return convention;
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
        String sha = rebuilt(history()).erdaContent(date("2020-12-31"), false).sha256(CanonicalFormat.V2);
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
    class ERDA_ISSUED_BEFORE_AS_OF {
        @Test
        void allowed_on_a_past_date_on_or_after_as_of_and_recorded_with_that_date() {
            fixture.given(history()).when(new IssueErda(CEREMA, date("2020-12-31"), false, date("2021-01-12")))
                    .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(Matchers.predicate(p -> {
                        ErdaIssued e = (ErdaIssued) p;
                        assertThat(e.issuedOn()).isEqualTo(date("2021-01-12"));
                        assertThat(e.asOf()).isEqualTo(date("2020-12-31"));
                        assertThat(e.canonicalFormat()).isEqualTo(CanonicalFormat.V2);
                        assertThat(e.paymentCount()).isEqualTo(2);
                        assertThat(e.totalPaid()).isEqualTo(eur("50000.00"));
                        return true;
                    }), Matchers.andNoMore())));
        }

        @Test
        void allowed_on_its_as_of_date() {
            fixture.given(history()).when(new IssueErda(CEREMA, date("2020-12-31"), false, date("2020-12-31")))
                    .expectEventsMatching(ExpectedEvents.exactly(ErdaIssued.class));
        }

        @Test
        void refused_before_as_of() {
            fixture.given(history()).when(new IssueErda(CEREMA, date("2020-12-31"), false, date("2020-12-30")))
                    .expectNoEvents().expectException(Matchers.predicate(e -> e instanceof RuleViolation v
                            && v.rule() == Rule.ERDA_ISSUED_BEFORE_AS_OF));
        }

        @Test
        void refused_in_the_future() {
            fixture.given(history()).when(new IssueErda(CEREMA, date("2020-12-31"), false, date("2026-11-23")))
                    .expectNoEvents().expectException(Matchers.predicate(e -> e instanceof RuleViolation v
                            && v.rule() == Rule.BUSINESS_DATE_IN_FUTURE));
        }
    }

    @Test
    void the_final_erda_issued_by_closure_is_dated_on_the_closure() {
        List<Object> given = history();
        fixture.given(given).when(new ConventionCommand.CloseConvention(CEREMA, date("2021-06-30")))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(ConventionClosed.class::isInstance),
                        Matchers.predicate(p -> {
                            ErdaIssued e = (ErdaIssued) p;
                            assertThat(e.finalErda()).isTrue();
                            assertThat(e.asOf()).isEqualTo(date("2021-06-30"));
                            assertThat(e.issuedOn()).isEqualTo(date("2021-06-30"));
                            return true;
                        }), Matchers.andNoMore())));
    }

    @Test
    void an_erda_of_past_years_is_signed_on_its_real_dates() {
        List<Object> given = history();
        given.add(new ErdaIssued(CEREMA, 1, date("2020-12-31"), false, date("2021-01-12"), 2, eur("50000.00"),
                eur("200000.00"), "a".repeat(64), CanonicalFormat.V2));
        fixture.given(given).when(new SignErda(CEREMA, 1, ErdaRole.COMPTABLE, "M. Comptable", date("2021-01-12")))
                .expectEvents(new ErdaSigned(CEREMA, 1, ErdaRole.COMPTABLE, "M. Comptable", date("2021-01-12")));
        fixture.given(given).when(new SignErda(CEREMA, 1, ErdaRole.COMPTABLE, "M. Comptable", date("2021-01-11")))
                .expectNoEvents().expectException(Matchers.predicate(e -> e instanceof RuleViolation v
                        && v.rule() == Rule.ERDA_SIGNED_BEFORE_ISSUE));
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
