package io.parley.db;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

public final class Retry {
    /** SQLSTATE for a unique-key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Retry() {}

    /**
     * Runs a check-then-insert transaction again when a concurrent one inserted the same key
     * first; on the second run the check sees that row. Any other failure is not retried.
     */
    public static <T> T onceOnConflict(Supplier<T> transaction) {
        try {
            return transaction.get();
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                return transaction.get();
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
