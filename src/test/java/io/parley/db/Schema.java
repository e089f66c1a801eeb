package io.parley.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.baseline.BaselineMigrationConfigurationExtension;

/**
 * A database's schema as sorted lines (columns with type, size, nullability and default; keys;
 * indexes; foreign keys), read through JDBC metadata so that H2 and PostgreSQL are described alike,
 * and the two ways to migrate it that must agree: the V files alone, or Parley's own migration.
 */
final class Schema {
    /**
     * H2 names the constraints and indexes it makes for keys itself (CONSTRAINT_8A, PRIMARY_KEY_E,
     * and a foreign key's index after the key: CONVERSATIONS_ASSIGNEE_INDEX_2), with counters.
     */
    private static final String H2_GENERATED = "(PRIMARY_KEY|CONSTRAINT|FK)_[0-9A-Z_]*|.*_INDEX_[0-9A-F]+";

    private Schema() {}

    /** The V files only, up to {@code target} ("latest" for all): a database made by a Parley without baselines. */
    static void migrateWithoutBaseline(String url, String target) {
        withDataSource(url, pool -> {
            FluentConfiguration flyway =
                    Database.flyway(pool, Database.isPostgres(url)).target(target);
            // a prefix no file has: B65__baseline.sql is then neither a baseline nor a migration
            flyway.getConfigurationExtension(BaselineMigrationConfigurationExtension.class)
                    .setBaselineMigrationPrefix("NotABaseline");
            flyway.load().migrate();
        });
    }

    /** What Parley runs at start. */
    static void migrateAsParley(String url) {
        try (Database database = Database.connect(url)) {
            database.migrate(() -> {});
        }
    }

    /** Flyway's record of what it ran: version and type per row, in order. */
    static List<String> history(String url) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT \"version\", \"type\" FROM \"flyway_schema_history\""
                                + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    /** Fails with the lines only one of the two schemas has. */
    static void assertSame(String expectedUrl, String actualUrl) throws SQLException {
        List<String> expected = describe(expectedUrl);
        List<String> actual = describe(actualUrl);
        assertTrue(expected.size() > 150, "the schema was read: " + expected.size() + " lines");
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        assertEquals(expected, actual, "missing: " + missing + "; not expected: " + extra);
    }

    static List<String> describe(String url) throws SQLException {
        TreeSet<String> lines = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url)) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = c.getSchema();
            for (String table : tables(meta, schema)) {
                columns(meta, schema, table, lines);
                keysAndIndexes(meta, schema, table, lines);
            }
        }
        return List.copyOf(lines);
    }

    private static List<String> tables(DatabaseMetaData meta, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (!table.equalsIgnoreCase("flyway_schema_history")) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    private static void columns(DatabaseMetaData meta, String schema, String table, TreeSet<String> lines)
            throws SQLException {
        try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                lines.add(String.join(
                        " ",
                        "column",
                        name(table),
                        rs.getString("ORDINAL_POSITION"),
                        name(rs.getString("COLUMN_NAME")),
                        rs.getString("TYPE_NAME"),
                        rs.getString("COLUMN_SIZE"),
                        rs.getString("IS_NULLABLE"),
                        String.valueOf(rs.getString("COLUMN_DEF")),
                        rs.getString("IS_AUTOINCREMENT")));
            }
        }
    }

    private static void keysAndIndexes(DatabaseMetaData meta, String schema, String table, TreeSet<String> lines)
            throws SQLException {
        try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
            while (rs.next()) {
                lines.add("primary key " + name(table) + " " + rs.getString("KEY_SEQ") + " "
                        + name(rs.getString("COLUMN_NAME")));
            }
        }
        try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
            while (rs.next()) {
                lines.add("index " + name(table) + " " + name(rs.getString("INDEX_NAME"))
                        + (rs.getBoolean("NON_UNIQUE") ? " " : " unique ") + rs.getString("ORDINAL_POSITION")
                        + " " + name(rs.getString("COLUMN_NAME")));
            }
        }
        try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
            while (rs.next()) {
                lines.add("foreign key " + name(rs.getString("FK_NAME")) + " " + name(table) + "."
                        + name(rs.getString("FKCOLUMN_NAME")) + " -> " + name(rs.getString("PKTABLE_NAME"))
                        + "." + name(rs.getString("PKCOLUMN_NAME")));
            }
        }
    }

    /** Lower case (H2 upper-cases unquoted names), and H2's generated names as one placeholder. */
    private static String name(String name) {
        if (name == null) {
            return "-";
        }
        return name.toUpperCase(Locale.ROOT).matches(H2_GENERATED) ? "<generated>" : name.toLowerCase(Locale.ROOT);
    }

    private static void withDataSource(String url, Consumer<HikariDataSource> use) {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(url);
            pool.setMaximumPoolSize(2);
            use.accept(pool);
        }
    }
}
