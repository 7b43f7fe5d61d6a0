package fr.dinum.ledger.api.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL server that the application starts when no
 * {@code spring.datasource.url} is given (see {@link EmbeddedDatabaseConfiguration}).
 *
 * @param dataDirectory where PostgreSQL keeps its files; a relative path is resolved against the
 *                      working directory, so that {@code java -jar} run from the same place always
 *                      finds the same ledger
 * @param port          the TCP port on the loopback interface; 0 means a free port is chosen at
 *                      each start, which is enough because the application is the only client
 * @param startTimeout  how long to wait for PostgreSQL to start, and for a server left running by a
 *                      killed previous run to stop
 */
@ConfigurationProperties("ledger.database.embedded")
public record EmbeddedDatabaseProperties(
        @DefaultValue("data/postgres") Path dataDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("60s") Duration startTimeout) {

    public EmbeddedDatabaseProperties {
        // The checks are made here so that a wrong setting fails at start with its own name,
        // rather than later as an obscure PostgreSQL or zonky error.
        Objects.requireNonNull(dataDirectory, "ledger.database.embedded.data-directory must be set");
        Objects.requireNonNull(startTimeout, "ledger.database.embedded.start-timeout must be set");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(
                    "ledger.database.embedded.port must be between 0 and 65535, was " + port);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "ledger.database.embedded.start-timeout must be positive, was " + startTimeout);
        }
    }
}
