package fr.dinum.ledger.api.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * Makes a database outage short for the clients: with PostgreSQL down or unreachable, a request
 * fails within seconds with {@code 503 DATABASE_UNAVAILABLE} instead of hanging for Hikari's default
 * 30 s and then answering 500, and readiness turns DOWN as fast. The pool, the driver and the
 * server each get a bound, applied to the application's Hikari pool whether it points at the
 * embedded server or at an external one. When the server is back, the pool opens new connections
 * by itself: nothing needs restarting.
 *
 * <p>A statement timeout also bounds the migrations Flyway runs at start: a migration that must run
 * longer on a large database sets its own ({@code SET LOCAL statement_timeout = 0}) in its script.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseTimeouts {

    /**
     * @param connection how long a request waits for a connection from the pool (Hikari's
     *                   {@code connectionTimeout}) before it fails; while the server is down no
     *                   connection can be made, so this is how long a request takes to fail
     * @param connect    how long opening a connection may take: TCP connect and login (the driver's
     *                   {@code connectTimeout} and {@code loginTimeout})
     * @param socket     how long the driver waits for any answer on an open connection (its
     *                   {@code socketTimeout}), for a server that vanished without closing its
     *                   connections (a network partition); longer than {@code statement}
     * @param statement  the longest a statement may run on the server ({@code statement_timeout}),
     *                   after which PostgreSQL cancels it
     * @param validation how long checking a pooled connection may take (Hikari's {@code validationTimeout})
     */
    @ConfigurationProperties("ledger.database.timeouts")
    public record Properties(@DefaultValue("2s") Duration connection,
                             @DefaultValue("2s") Duration connect,
                             @DefaultValue("15s") Duration socket,
                             @DefaultValue("10s") Duration statement,
                             @DefaultValue("1s") Duration validation) {

        public Properties {
            if (connection.toMillis() < 250 || validation.toMillis() < 250) {
                throw new IllegalArgumentException("ledger.database.timeouts.connection and .validation must be at "
                        + "least 250ms (Hikari's minimum)");
            }
            if (connect.isNegative() || socket.isNegative() || statement.isNegative()) {
                throw new IllegalArgumentException("ledger.database.timeouts must not be negative");
            }
        }
    }

    /** Applied after Spring Boot has bound {@code spring.datasource.hikari.*}, before the pool starts. */
    @Bean
    static BeanPostProcessor databaseTimeoutsOnThePool(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && !pool.isRunning()) {
                    apply(Binder.get(environment).bindOrCreate("ledger.database.timeouts", Properties.class), pool);
                }
                return bean;
            }
        };
    }

    static void apply(Properties timeouts, HikariDataSource pool) {
        pool.setConnectionTimeout(timeouts.connection().toMillis());
        pool.setValidationTimeout(Math.min(timeouts.validation().toMillis(), timeouts.connection().toMillis()));
        // pgjdbc reads these in whole seconds; 0 would mean "no limit", so at least 1.
        pool.addDataSourceProperty("connectTimeout", Long.toString(seconds(timeouts.connect())));
        pool.addDataSourceProperty("loginTimeout", Long.toString(seconds(timeouts.connect())));
        pool.addDataSourceProperty("socketTimeout", Long.toString(seconds(timeouts.socket())));
        pool.addDataSourceProperty("tcpKeepAlive", "true");
        // Sent at connection start; a URL that gives its own "options" keeps them (the URL wins).
        pool.addDataSourceProperty("options", "-c statement_timeout=" + timeouts.statement().toMillis());
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
