package io.parley.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.support.Postgres;
import io.parley.support.TestServer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * db/B65__baseline.sql makes an empty database in one script (a faster cold start on H2); every
 * other database keeps upgrading through the V files. Both ways must end at the same schema, on H2
 * and (in the PostgreSQL run) on PostgreSQL.
 */
class BaselineMigrationTest {
    @TempDir
    Path dir;

    private final Map<String, String> urls = new HashMap<>();

    /** A database of this test's own by name: an H2 file, or on the PostgreSQL run a fresh database. */
    private String url(String name) {
        return urls.computeIfAbsent(
                name,
                n -> TestServer.usesPostgres()
                        ? Postgres.shared().freshDatabase()
                        : H2Url.durable("jdbc:h2:file:" + dir.resolve(n)));
    }

    @Test
    void a_fresh_database_is_made_by_the_baseline_alone() throws SQLException {
        Schema.migrateAsParley(url("fresh"));

        assertEquals(List.of("65 SQL_BASELINE"), Schema.history(url("fresh")));
    }

    @Test
    void the_baseline_gives_the_schema_the_v_files_give() throws SQLException {
        Schema.migrateAsParley(url("baseline"));
        Schema.migrateWithoutBaseline(url("v-files"), "latest");

        Schema.assertSame(url("v-files"), url("baseline"));
    }

    @Test
    void an_older_database_upgrades_through_the_v_files_to_the_same_schema() throws SQLException {
        Schema.migrateWithoutBaseline(url("old"), "42");
        Schema.migrateAsParley(url("old"));
        Schema.migrateAsParley(url("baseline"));

        List<String> history = Schema.history(url("old"));
        assertEquals("42 SQL", history.get(history.size() - 8));
        assertEquals("65 SQL", history.get(history.size() - 1));
        Schema.assertSame(url("baseline"), url("old"));
    }

    @Test
    void a_database_made_by_all_the_v_files_starts_and_runs_nothing_more() throws SQLException {
        Schema.migrateWithoutBaseline(url("current"), "latest");
        List<String> before = Schema.history(url("current"));

        Schema.migrateAsParley(url("current"));
        Schema.migrateAsParley(url("current"));

        assertEquals(before, Schema.history(url("current")));
        assertEquals("65 SQL", before.get(before.size() - 1));
    }

    @Test
    void a_database_made_by_the_baseline_starts_again() throws SQLException {
        Schema.migrateAsParley(url("fresh"));
        Schema.migrateAsParley(url("fresh"));

        assertEquals(List.of("65 SQL_BASELINE"), Schema.history(url("fresh")));
    }
}
