package fr.dinum.ledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    @Test
    void each_call_gives_a_distinct_empty_database() throws SQLException {
        TestDatabase.Coordinates first = TestDatabase.fresh();
        TestDatabase.Coordinates second = TestDatabase.fresh();

        assertThat(first.url()).isNotEqualTo(second.url());
        try (Connection one = connect(first); Connection other = connect(second)) {
            assertThat(currentDatabase(one)).isNotEqualTo(currentDatabase(other));
            assertThat(userTableCount(one)).isZero();
            assertThat(userTableCount(other)).isZero();

            try (Statement statement = one.createStatement()) {
                statement.execute("CREATE TABLE only_in_first (id bigint PRIMARY KEY)");
                statement.execute("INSERT INTO only_in_first VALUES (1)");
            }

            assertThat(userTableCount(one)).isEqualTo(1);
            // The second database must not see the table: tests using different databases can
            // then never interfere, whatever they create.
            assertThat(userTableCount(other)).isZero();
            assertThatThrownBy(() -> {
                try (Statement statement = other.createStatement()) {
                    statement.executeQuery("SELECT * FROM only_in_first");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("only_in_first");
        }
    }

    @Test
    void replaces_only_the_database_of_a_url() {
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://db:5432/postgres?sslmode=require", "x"))
                .isEqualTo("jdbc:postgresql://db:5432/x?sslmode=require");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://a:1,b:2/", "x"))
                .isEqualTo("jdbc:postgresql://a:1,b:2/x");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://localhost", "x"))
                .isEqualTo("jdbc:postgresql://localhost/x");
    }

    private static Connection connect(TestDatabase.Coordinates coordinates) throws SQLException {
        return DriverManager.getConnection(coordinates.url(), coordinates.username(), coordinates.password());
    }

    private static String currentDatabase(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_database()")) {
            row.next();
            return row.getString(1);
        }
    }

    private static int userTableCount(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM information_schema.tables "
                     + "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
            row.next();
            return row.getInt(1);
        }
    }
}
