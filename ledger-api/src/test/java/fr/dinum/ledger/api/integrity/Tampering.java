package fr.dinum.ledger.api.integrity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an attacker who owns the tables can do: switch the append-only guard (and, if asked, the
 * chain trigger) off, change rows, and switch them on again, in one transaction so the service
 * never sees the guard off.
 */
final class Tampering {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    Tampering(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    void aroundTheGuard(String... statements) {
        run(false, statements);
    }

    void aroundEveryTrigger(String... statements) {
        run(true, statements);
    }

    private void run(boolean chainToo, String... statements) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("alter table domain_event_entry disable trigger domain_event_entry_append_only");
            jdbc.execute("alter table event_stream_head disable trigger event_stream_head_no_delete");
            if (chainToo) {
                jdbc.execute("alter table domain_event_entry disable trigger domain_event_entry_chain");
            }
            for (String statement : statements) {
                jdbc.execute(statement);
            }
            jdbc.execute("alter table domain_event_entry enable trigger domain_event_entry_append_only");
            jdbc.execute("alter table domain_event_entry enable trigger domain_event_entry_chain");
            jdbc.execute("alter table event_stream_head enable trigger event_stream_head_no_delete");
        });
    }
}
