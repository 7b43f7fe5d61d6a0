package fr.dinum.ledger.api.axon;

import fr.dinum.ledger.api.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V50 on read models written before ConventionSigned had periodCovers: the copies of the event in
 * convention_view and history_entry get COMMITMENTS, as the upcaster gives the event, and copies
 * that already say what the period covers are left alone.
 */
class PeriodCoversMigrationTest {

    @Test
    void the_copies_of_a_revision_1_signature_say_the_period_covers_commitments() throws SQLException {
        TestDatabase.Coordinates db = TestDatabase.fresh();
        flyway(db, "4").migrate();
        String revision1 = ConventionSignedUpcasterTest.REVISION_1_PAYLOAD.replace("\n", " ");
        String revision2 = revision1.replace("CEREMA-2020-FRICHES", "ANCT-2020-INCUBATEUR")
                .replace("\"endsOn\":\"2021-05-31\"}", "\"endsOn\":\"2021-05-31\",\"periodCovers\":\"COMMITMENTS_AND_PAYMENTS\"}");
        try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
             Statement statement = connection.createStatement()) {
            for (String[] row : new String[][]{{"CEREMA-2020-FRICHES", revision1}, {"ANCT-2020-INCUBATEUR", revision2}}) {
                statement.executeUpdate("""
                        insert into convention_view (convention_id, title, contributor_name, contributor_kind,
                            beneficiary, amount, funding_mode, signed_on, terms, last_sequence)
                        values ('%s', 'x', 'x', 'ETABLISSEMENT_PUBLIC', 'DINUM', 200000.00, 'ADVANCE', date '2020-09-03',
                            '%s'::jsonb, 0)""".formatted(row[0], row[1]));
                statement.executeUpdate("""
                        insert into history_entry (event_id, convention_id, sequence_number, type, business_date,
                            recorded_at, fields)
                        values ('%s-0', '%s', 0, 'ConventionSigned', date '2020-09-03', now(), '%s'::jsonb)"""
                        .formatted(row[0], row[0], row[1]));
            }
        }

        flyway(db, "latest").migrate();

        try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
             Statement statement = connection.createStatement()) {
            assertThat(periodCovers(statement, "select terms ->> 'periodCovers' from convention_view where convention_id = '%s'"))
                    .containsExactly("COMMITMENTS", "COMMITMENTS_AND_PAYMENTS");
            assertThat(periodCovers(statement, "select fields ->> 'periodCovers' from history_entry where convention_id = '%s'"))
                    .containsExactly("COMMITMENTS", "COMMITMENTS_AND_PAYMENTS");
        }
    }

    private static Flyway flyway(TestDatabase.Coordinates db, String target) {
        return Flyway.configure().dataSource(db.url(), db.username(), db.password())
                .locations("classpath:db/migration").target(target).load();
    }

    private static List<String> periodCovers(Statement statement, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        for (String id : new String[]{"CEREMA-2020-FRICHES", "ANCT-2020-INCUBATEUR"}) {
            try (ResultSet rs = statement.executeQuery(query.formatted(id))) {
                rs.next();
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
