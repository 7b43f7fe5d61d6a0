package fr.dinum.ledger.api.axon;

import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ConventionSigned of revision 1 in the PostgreSQL event store, as the ledger wrote it before
 * periodCovers existed: the aggregate loads it (through the upcaster that the application
 * registers) and goes on recording, and the projections read it as a period of commitments.
 */
class StoredRevisionOneSignatureApiTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_convention_signed_under_revision_1_is_read_as_covering_commitments_only() {
        jdbc.sql("""
                        insert into domain_event_entry (global_index, sequence_number, meta_data, payload,
                            aggregate_identifier, event_identifier, payload_revision, payload_type, time_stamp, type)
                        values (nextval('domain_event_entry_seq'), 0, :metaData, :payload, :id, :eventId, '1',
                            :payloadType, :timeStamp, 'Convention')""")
                .param("metaData", "{\"recordedBy\":\"ledger\"}".getBytes(StandardCharsets.UTF_8))
                .param("payload", ConventionSignedUpcasterTest.REVISION_1_PAYLOAD.getBytes(StandardCharsets.UTF_8))
                .param("id", "CEREMA-2020-FRICHES")
                .param("eventId", UUID.randomUUID().toString())
                .param("payloadType", ConventionSignedUpcaster.PAYLOAD_TYPE)
                .param("timeStamp", Instant.parse("2026-01-05T10:00:00Z").toString())
                .update();

        String c = "/api/conventions/CEREMA-2020-FRICHES";
        created(http().post(c + "/receipts", """
                {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}"""));
        created(http().post(c + "/credit-openings", """
                {"openingId":"O1","ae":"200000.00","cp":"200000.00","openedOn":"2020-10-05","arreteReference":"A1"}"""));
        created(http().post(c + "/commitments", """
                {"ejNumber":"1300000101","amount":"150000.00","committedOn":"2020-10-12","supplier":{"name":"Octo"},"object":"x"}"""));
        // Its period covers commitments only: a payment after its end is recorded.
        Response paid = created(http().post(c + "/payments", """
                {"dpNumber":"200000101","ejNumber":"1300000101","amount":"50000.00","serviceFaitOn":"2021-06-15","paidOn":"2021-07-01"}"""));
        assertThat(paid.body().get("cpPaid").asText()).isEqualTo("50000.00");

        awaitProjections();
        assertThat(http().get(c).body().get("terms").get("periodCovers").asText()).isEqualTo("COMMITMENTS");
        assertThat(http().get(c + "/history").body().get(0).get("fields").get("periodCovers").asText())
                .isEqualTo("COMMITMENTS");
    }
}
