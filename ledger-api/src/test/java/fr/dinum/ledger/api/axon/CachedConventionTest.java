package fr.dinum.ledger.api.axon;

import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.SeedConventions;
import fr.dinum.ledger.domain.convention.ConventionEvent;
import fr.dinum.ledger.domain.values.DpNumber;
import fr.dinum.ledger.domain.values.EjNumber;
import fr.dinum.ledger.domain.values.Montant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conventions are cached between commands. When another instance has appended to a convention
 * this one holds in its cache, the stale state decides nothing: the append is refused (409), the
 * entry is dropped, and the retry is decided on every event, here refused by the rule it breaks.
 */
class CachedConventionTest extends ApiTestBase {

    static final String CEREMA = "/api/conventions/CEREMA-2020-FRICHES";

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_convention_changed_by_another_instance_is_never_decided_on_its_cached_state() {
        created(http().post("/api/conventions", SeedConventions.body("CEREMA-2020-FRICHES")));
        created(http().post(CEREMA + "/receipts", """
                {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}"""));
        created(http().post(CEREMA + "/credit-openings", """
                {"openingId":"O1","ae":"200000.00","cp":"200000.00","openedOn":"2020-10-01","arreteReference":"A1"}"""));
        created(http().post(CEREMA + "/commitments", """
                {"ejNumber":"1300000001","amount":"10000.00","committedOn":"2020-10-02","supplier":{"name":"Octo"},"object":"Coaching"}"""));

        // Another instance pays 9 000 of the EJ's 10 000: its event lands in the store behind this
        // instance's back, with the next sequence number of the convention.
        long next = jdbc.sql("select max(sequence_number) + 1 from domain_event_entry where aggregate_identifier = :id")
                .param("id", "CEREMA-2020-FRICHES").query(Long.class).single();
        eventStore.publish(new GenericDomainEventMessage<>("Convention", "CEREMA-2020-FRICHES", next,
                new ConventionEvent.CpPaid("CEREMA-2020-FRICHES", DpNumber.of("200000001"), EjNumber.of("1300000001"),
                        Montant.of("9000.00"), LocalDate.of(2020, 11, 2), LocalDate.of(2020, 11, 3), null)));

        String payment = """
                {"dpNumber":"200000002","ejNumber":"1300000001","amount":"2000.00","serviceFaitOn":"2020-11-04","paidOn":"2020-11-05"}""";
        Http.Response first = http().post(CEREMA + "/payments", payment);
        // Whether this instance's cache still held the convention (409, then refused on retry) or
        // had let it go (refused at once), 2 000 more never fit in the 1 000 left.
        assertThat(first.status()).as(first.text()).isIn(409, 422);
        Http.Response retried = http().post(CEREMA + "/payments", payment);
        assertThat(retried.status()).as(retried.text()).isEqualTo(422);
        assertThat(retried.code()).isEqualTo("CP_EXCEEDS_COMMITMENT");
        assertThat(jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = 'CEREMA-2020-FRICHES'"
                + " and payload_type like '%CpPaid'").query(Long.class).single()).isEqualTo(1);
    }
}
