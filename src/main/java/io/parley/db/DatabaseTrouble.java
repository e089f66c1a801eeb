package io.parley.db;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tells a database that is slow, locked, out of connections or out of disk (worth a 503 and a
 * retry) from a bug (a 500). Either way the transaction was rolled back: nothing half-written.
 */
public final class DatabaseTrouble {
    /** H2's codes for a full or failing disk (IO_EXCEPTION_1/2, FILE_CORRUPTED is not one of them). */
    private static final int H2_IO_EXCEPTION_1 = 90028;

    private static final int H2_IO_EXCEPTION_2 = 90031;
    /**
     * PostgreSQL's transient SQLStates, by exact code: lock_not_available (lock_timeout),
     * query_canceled (statement_timeout), serialization_failure, deadlock_detected; and by class:
     * 08 connection exceptions, 53 insufficient resources (disk full, out of memory, too many
     * connections), 57P0x the server shutting down or starting up.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "57014", "40001", "40P01");

    private static final List<String> TRANSIENT_PREFIXES = List.of("08", "53", "57P0");
    /** unique_violation, the same code on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseTrouble() {}

    public static boolean isTransient(Throwable error) {
        for (Throwable cause : causes(error)) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && (sql.getErrorCode() == H2_IO_EXCEPTION_1
                            || sql.getErrorCode() == H2_IO_EXCEPTION_2
                            || isTransientState(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientState(String state) {
        return state != null
                && (TRANSIENT_STATES.contains(state)
                        || TRANSIENT_PREFIXES.stream().anyMatch(state::startsWith));
    }

    /** Another transaction inserted the same key first: on several nodes, a retry sees its row. */
    public static boolean isConflict(Throwable error) {
        return causes(error).stream()
                .anyMatch(cause -> cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()));
    }

    /** The exception class and SQL state only: never the statement's bound values. */
    public static String describe(Throwable error) {
        for (Throwable cause : causes(error)) {
            if (cause instanceof SQLException sql && !(sql instanceof BatchUpdateException)) {
                return sql.getClass().getSimpleName() + " state=" + sql.getSQLState() + " code=" + sql.getErrorCode();
            }
        }
        return error.getClass().getSimpleName();
    }

    /** The cause chain, and for a batch the failure of its statement (a "next exception", not a cause). */
    private static List<Throwable> causes(Throwable error) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = error; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql.getNextException();
                        next != null && !causes.contains(next);
                        next = next.getNextException()) {
                    causes.add(next);
                }
            }
        }
        return causes;
    }
}
