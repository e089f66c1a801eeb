package io.parley.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which PostgreSQL errors are a 503 worth retrying and which are a bug; the API test covers H2's lock. */
class DatabaseTroubleStatesTest {

    @Test
    void postgresql_lock_timeouts_cancels_deadlocks_and_lost_connections_are_transient() {
        for (String state : new String[] {"55P03", "57014", "40001", "40P01", "08006", "53300", "53100", "57P01"}) {
            assertTrue(DatabaseTrouble.isTransient(new RuntimeException(new SQLException("x", state))), state);
        }
    }

    @Test
    void syntax_errors_and_constraint_violations_are_not_transient() {
        for (String state : new String[] {"42601", "23505", "23503", "22001", "42P01"}) {
            assertFalse(DatabaseTrouble.isTransient(new SQLException("x", state)), state);
        }
    }

    @Test
    void a_duplicate_key_is_a_conflict_to_retry_and_other_errors_are_not() {
        assertTrue(DatabaseTrouble.isConflict(new RuntimeException(new SQLException("x", "23505"))));
        assertFalse(DatabaseTrouble.isConflict(new SQLException("x", "55P03")));
        assertFalse(DatabaseTrouble.isConflict(new IllegalStateException("no SQL at all")));
    }
}
