package io.parley.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The connection pool, the schema migrations from {@code db/}, and the JDBI handle over them. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final boolean postgres;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** The pool and JDBI over it; no connection is made yet (the first one opens or creates the database file). */
    public static Database connect(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("parley-db");
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1); // migrate() makes the first connection, and fails loudly if it cannot
        if (isPostgres(jdbcUrl)) {
            // H2 gets LOCK_TIMEOUT=3000 in its URL; on PostgreSQL the same bound (and one on a runaway
            // statement) is set per connection, so a stuck lock is a 503 within seconds, never a hang
            config.setConnectionInitSql("SET lock_timeout = '3s'; SET statement_timeout = '15s';"
                    + " SET idle_in_transaction_session_timeout = '60s'");
        }
        return new Database(new HikariDataSource(config), isPostgres(jdbcUrl));
    }

    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /**
     * Brings the schema up to date with the migrations in {@code db/}: the portable ones at its top
     * level, and the few a database needs of its own in {@code db/h2/} or {@code db/postgresql/}.
     */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + (postgres ? "postgresql" : "h2"))
                .load()
                .migrate();
        if (postgres) {
            // db/postgresql/afterConnect.sql lifted the request timeouts on the migration's
            // connections, which the pool would otherwise hand out again: replace them
            dataSource.getHikariPoolMXBean().softEvictConnections();
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
