package fr.dinum.ledger.api.web;

import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure of the database (down, unreachable, too slow) from a failure of the ledger, so
 * that the first is answered {@code 503 DATABASE_UNAVAILABLE}, which a client retries, and not
 * {@code 500}. The layers between the request and PostgreSQL (Hikari, the JDBC driver, Hibernate,
 * Spring's transactions, Axon's event store) each wrap the failure in their own exception, so the
 * whole chain of causes is read.
 */
public final class DatabaseOutage {

    public static final String CODE = "DATABASE_UNAVAILABLE";
    /** Sent in {@code Retry-After}: about the time Hikari needs to find out whether the server is back. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseOutage() {
    }

    /** @return true when a cause of the failure says the database could not be reached or did not answer in time */
    public static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 30; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLTimeoutException
                    || cause instanceof CannotCreateTransactionException || cause instanceof JDBCConnectionException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && unavailable(sql.getSQLState())) {
                return true;
            }
            // HikariCP's proxy of a connection it has already closed (the server went away while the
            // request held it) throws a bare SQLException with no SQLSTATE and this fixed message.
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01 to 57P03 (the server is shutting down, crashed
     * or cannot accept connections yet), 57014 (a statement cancelled by {@code statement_timeout}),
     * 53300 (too many connections).
     */
    private static boolean unavailable(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("57014")
                || state.equals("53300"));
    }

    /** The innermost message, for the log: enough to tell a refused connection from a timeout. */
    static String summary(Throwable failure) {
        Throwable last = failure;
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 30; cause = cause.getCause(), depth++) {
            last = cause;
        }
        return last.getClass().getSimpleName() + ": " + last.getMessage();
    }
}
