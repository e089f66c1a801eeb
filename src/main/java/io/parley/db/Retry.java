package io.parley.db;

import java.util.function.Supplier;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

public final class Retry {
    private Retry() {}

    /**
     * Runs a check-then-insert transaction again when a concurrent one inserted the same key
     * first; on the second run the check sees that row. Any other failure is not retried.
     */
    public static <T> T onceOnConflict(Supplier<T> transaction) {
        try {
            return transaction.get();
        } catch (UnableToExecuteStatementException e) {
            if (DatabaseTrouble.isConflict(e)) {
                return transaction.get();
            }
            throw e;
        }
    }
}
