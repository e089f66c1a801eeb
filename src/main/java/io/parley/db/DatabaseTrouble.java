package io.parley.db;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a database that is slow, locked, out of connections or out of disk (worth a 503 and a
 * retry) from a bug (a 500). Either way the transaction was rolled back: nothing half-written.
 */
public final class DatabaseTrouble {
    /** H2's codes for a full or failing disk (IO_EXCEPTION_1/2, FILE_CORRUPTED is not one of them). */
    private static final int H2_IO_EXCEPTION_1 = 90028;

    private static final int H2_IO_EXCEPTION_2 = 90031;
    /** PostgreSQL: disk_full, out_of_memory, too_many_connections, lock_not_available, query_canceled. */
    private static final java.util.Set<String> POSTGRES_STATES =
            java.util.Set.of("53100", "53200", "53300", "55P03", "57014");

    private DatabaseTrouble() {}

    public static boolean isTransient(Throwable error) {
        for (Throwable cause : causes(error)) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && (sql.getErrorCode() == H2_IO_EXCEPTION_1
                            || sql.getErrorCode() == H2_IO_EXCEPTION_2
                            || POSTGRES_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
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
