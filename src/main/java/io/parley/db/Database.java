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
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** The pool and JDBI over it; no connection is made yet (the first one opens or creates the database file). */
    public static Database connect(String jdbcUrl) {
        // created lazily, on the first getConnection (the migration's): a database that cannot be
        // opened leaves no pool behind filling itself in the background
        HikariDataSource config = new HikariDataSource();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("parley-db");
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(5_000);
        return new Database(config, jdbcUrl);
    }

    /**
     * Brings the schema up to date with the migrations in {@code db/}. The first connection is made
     * here, outside the pool, so that a database that cannot be opened fails at once as {@link Unopened}
     * (the pool would retry for its whole connection timeout); it stays open during the migration, so
     * the pool's connections join the open database instead of opening the file again.
     */
    public void migrate(Runnable opened) {
        try (Connection first = open()) {
            opened.run();
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (SQLException closing) {
            throw new IllegalStateException("closing the first connection failed", closing);
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

    @Override
    public void close() {
        dataSource.close();
    }
}
