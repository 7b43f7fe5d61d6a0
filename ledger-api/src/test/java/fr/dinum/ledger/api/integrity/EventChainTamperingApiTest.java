package fr.dinum.ledger.api.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Someone who owns the tables switches the append-only guard off and changes the record: one byte
 * of a payload, an event deleted, an event added with a well-forged hash, two events swapped, the
 * last event of a stream deleted. The integrity check names each break (convention, sequence
 * number, global index, reason), the metric says 0, and the auditor's script exits non-zero.
 */
@TestPropertySource(properties = {"ledger.demo.enabled=true", "ledger.integrity.first-verification-delay=1h",
        "ledger.integrity.checkpoint-settle=0s"})
class EventChainTamperingApiTest extends ApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ScheduledVerification scheduled;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void every_changed_deleted_inserted_or_reordered_event_is_named_by_the_integrity_check() throws Exception {
        // A global anchor recorded while the store was intact.
        assertThat(scheduled.verifyNow().intact()).isTrue();
        long anchored = jdbc.queryForObject("select global_index from integrity_checkpoint order by id desc limit 1", Long.class);
        List<String> streams = jdbc.queryForList("""
                select aggregate_identifier from domain_event_entry group by aggregate_identifier
                having count(*) >= 5 order by aggregate_identifier""", String.class);
        assertThat(streams).hasSizeGreaterThanOrEqualTo(5);
        String altered = streams.get(0);
        String deleted = streams.get(1);
        String inserted = streams.get(2);
        String reordered = streams.get(3);
        String truncated = streams.get(4);
        long lastOfTruncated = last(truncated);
        long lastOfInserted = last(inserted);
        long forgedIndex = jdbc.queryForObject("select nextval('domain_event_entry_seq')", Long.class);
        List<Break> expected = List.of(
                new Break(null, null, anchored, "CHECKPOINT_MISMATCH"),
                new Break(altered, 1L, index(altered, 1), "CONTENT_ALTERED"),
                new Break(deleted, 2L, null, "EVENT_MISSING"),
                new Break(inserted, lastOfInserted + 1, forgedIndex, "EVENT_AFTER_HEAD"),
                new Break(reordered, 1L, index(reordered, 2), "CHAIN_BROKEN"),
                new Break(reordered, 1L, index(reordered, 2), "CONTENT_ALTERED"),
                new Break(reordered, 2L, index(reordered, 1), "CHAIN_BROKEN"),
                new Break(reordered, 2L, index(reordered, 1), "CONTENT_ALTERED"),
                new Break(reordered, 2L, index(reordered, 1), "ORDER_BROKEN"),
                new Break(reordered, 3L, index(reordered, 3), "CHAIN_BROKEN"),
                new Break(truncated, lastOfTruncated, index(truncated, lastOfTruncated), "LAST_EVENTS_MISSING"));

        Tampering tampering = new Tampering(jdbc, transactions);
        tampering.aroundTheGuard(
                // One bit of one byte of a payload.
                "update domain_event_entry set payload = set_byte(payload, 12, get_byte(payload, 12) # 1) where "
                        + event(altered, 1),
                "delete from domain_event_entry where " + event(deleted, 2),
                // Two events swap their sequence numbers (through -1: the pair is unique).
                "update domain_event_entry set sequence_number = -1 where " + event(reordered, 1),
                "update domain_event_entry set sequence_number = 1 where " + event(reordered, 2),
                "update domain_event_entry set sequence_number = 2 where " + event(reordered, -1),
                "delete from domain_event_entry where " + event(truncated, lastOfTruncated));
        // A careful forger: a copy of the stream's last event, chained to it with the ledger's own
        // hash function, written with every trigger off so that the stream's head is not moved.
        tampering.aroundEveryTrigger("""
                insert into domain_event_entry (global_index, sequence_number, meta_data, payload, aggregate_identifier,
                        event_identifier, payload_revision, payload_type, time_stamp, type, previous_hash, event_hash)
                select %1$d, e.sequence_number + 1, e.meta_data, e.payload, e.aggregate_identifier, 'forged-event',
                       e.payload_revision, e.payload_type, e.time_stamp, e.type, e.event_hash,
                       ledger_event_hash(e.event_hash, %1$d, e.aggregate_identifier, e.sequence_number + 1, e.type,
                                         'forged-event', e.time_stamp, e.payload_type, e.payload_revision, e.payload,
                                         e.meta_data)
                  from domain_event_entry e where %2$s""".formatted(forgedIndex, event(inserted, lastOfInserted)));

        Http.Response answer = http().get("/api/admin/integrity");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().get("intact").asBoolean()).isFalse();
        assertThat(answer.body().get("eventsChecked").asLong())
                .isEqualTo(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
        List<Break> found = new ArrayList<>();
        for (JsonNode b : answer.body().get("breaks")) {
            assertThat(b.has("conventionId") && b.has("sequenceNumber") && b.has("globalIndex") && b.has("reason"))
                    .as("every field of %s, null or not", b).isTrue();
            found.add(new Break(text(b, "conventionId"), number(b, "sequenceNumber"), number(b, "globalIndex"),
                    b.get("reason").asText()));
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);

        // The scheduled verification says it too, and records no anchor over a broken store.
        scheduled.verifyNow();
        String metrics = http().as(Http.basic("scraper", TestUsers.PASSWORD)).get("/actuator/prometheus").text();
        assertThat(metrics).contains("ledger_integrity_intact 0.0").contains("ledger_integrity_breaks " + expected.size() + ".0");
        assertThat(jdbc.queryForObject("select global_index from integrity_checkpoint order by id desc limit 1", Long.class))
                .isEqualTo(anchored);

        // So does the auditor's command, with read access only, and it fails.
        if (AuditorScript.psqlAvailable()) {
            String role = AuditorScript.createReadOnlyRole(jdbc, "auditor-password");
            AuditorScript.Result result = AuditorScript.run(databaseUrl, role, "auditor-password");
            assertThat(result.exitCode()).as(result.output()).isNotZero();
            assertThat(result.output()).contains("INTEGRITY BROKEN: " + expected.size() + " breaks")
                    .contains("CONTENT_ALTERED").contains("EVENT_MISSING").contains("LAST_EVENTS_MISSING")
                    .contains("EVENT_AFTER_HEAD").contains("ORDER_BROKEN").contains("CHECKPOINT_MISMATCH");
        }
    }

    @Test
    void the_auditor_script_refuses_to_vouch_for_a_database_whose_verification_was_replaced() throws Exception {
        assumeTrue(AuditorScript.psqlAvailable(), "psql is not installed (.ci/run installs postgresql-client)");
        String role = AuditorScript.createReadOnlyRole(jdbc, "auditor-password");
        // A liar's verification that never finds anything; the ledger itself would believe it.
        jdbc.execute("""
                create or replace function ledger_integrity_breaks()
                    returns table (convention_id text, sequence_number bigint, global_index bigint, reason text)
                    language sql stable as $$ select null::text, null::bigint, null::bigint, null::text where false $$""");

        AuditorScript.Result result = AuditorScript.run(databaseUrl, role, "auditor-password");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("VERIFICATION FUNCTIONS CHANGED");
    }

    record Break(String conventionId, Long sequenceNumber, Long globalIndex, String reason) {
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).isNull() ? null : node.get(field).asText();
    }

    private static Long number(JsonNode node, String field) {
        return node.get(field).isNull() ? null : node.get(field).asLong();
    }

    private static String event(String stream, long sequenceNumber) {
        return "aggregate_identifier = '" + stream + "' and sequence_number = " + sequenceNumber;
    }

    private long index(String stream, long sequenceNumber) {
        return jdbc.queryForObject("select global_index from domain_event_entry where " + event(stream, sequenceNumber), Long.class);
    }

    private long last(String stream) {
        return jdbc.queryForObject("select max(sequence_number) from domain_event_entry where aggregate_identifier = ?",
                Long.class, stream);
    }
}
