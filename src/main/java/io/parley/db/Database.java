package io.parley.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The connection pool, the schema migrations from {@code db/}, and the JDBI handle over them. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final String jdbcUrl;
    private final boolean postgres;
    private final Jdbi jdbi;

    /** The database could not be opened at all (in use, unreachable, not a database): not a bug of ours. */
    public static final class Unopened extends RuntimeException {
        Unopened(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private Database(HikariDataSource dataSource, String jdbcUrl) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.postgres = isPostgres(jdbcUrl);
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** The pool and JDBI over it; no connection is made yet (the first one opens or creates the database file). */
    public static Database connect(String jdbcUrl) {
        // created lazily, on the first getConnection (the migration's): a database that cannot be
        // opened leaves no pool behind filling itself in the background
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(jdbcUrl);
        pool.setPoolName("parley-db");
        pool.setMaximumPoolSize(16);
        pool.setMinimumIdle(2);
        pool.setConnectionTimeout(5_000);
        if (isPostgres(jdbcUrl)) {
            // H2 gets LOCK_TIMEOUT=3000 in its URL; on PostgreSQL the same bound (and one on a runaway
            // statement) is set per connection, so a stuck lock is a 503 within seconds, never a hang
            pool.setConnectionInitSql("SET lock_timeout = '3s'; SET statement_timeout = '15s';"
                    + " SET idle_in_transaction_session_timeout = '60s'");
        }
        return new Database(pool, jdbcUrl);
    }

    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /**
     * Brings the schema up to date with the migrations in {@code db/}: the portable ones at its top
     * level, and the few a database needs of its own in {@code db/h2/} or {@code db/postgresql/}.
     * The first connection is made here, outside the pool, so that a database that cannot be opened
     * fails at once as {@link Unopened} (the pool would retry for its whole connection timeout); it
     * stays open during the migration, so the pool's connections join the open database instead of
     * opening the file again.
     */
    public void migrate(Runnable opened) {
        try (Connection first = open()) {
            opened.run();
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration", "classpath:db/vendor/" + (postgres ? "postgresql" : "h2"))
                    .load()
                    .migrate();
        } catch (SQLException closing) {
            throw new IllegalStateException("closing the first connection failed", closing);
        }
        if (postgres) {
            // db/postgresql/afterConnect.sql lifted the request timeouts on the migration's
            // connections, which the pool would otherwise hand out again: replace them
            dataSource.getHikariPoolMXBean().softEvictConnections();
        }
    }

    private Connection open() {
        try {
            return DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new Unopened(e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Whether this process is the database's only writer: true for embedded H2, whose file one
     * process holds; false for PostgreSQL, which several nodes share.
     */
    public static boolean singleProcess(Jdbi jdbi) {
        return jdbi.withHandle(handle -> {
            try {
                return "H2".equals(handle.getConnection().getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException("the driver could not say which database this is", e);
            }
        });
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
