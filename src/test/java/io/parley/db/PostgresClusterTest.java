package io.parley.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.parley.support.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The throw-away cluster the PostgreSQL test run uses: one per JVM, a fresh database per caller. */
@Tag("postgresql")
class PostgresClusterTest {

    @Test
    void each_caller_gets_a_database_of_its_own_on_one_shared_cluster() throws SQLException {
        String first = Postgres.shared().freshDatabase();
        String second = Postgres.shared().freshDatabase();

        assertNotEquals(first, second);
        try (Connection a = DriverManager.getConnection(first);
                Connection b = DriverManager.getConnection(second)) {
            a.createStatement().execute("CREATE TABLE only_in_first (id int)");
            ResultSet tables = b.getMetaData().getTables(null, null, "only_in_first", null);
            assertEquals(false, tables.next(), "a table created in one database is not seen in the other");
            ResultSet version = a.createStatement().executeQuery("SHOW server_version_num");
            version.next();
            assertEquals(true, version.getInt(1) >= 140000, "PostgreSQL 14 or newer");
        }
    }
}
