package io.parley.fanout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on a connection of its own, opened with the server's JDBC URL outside the pool (a pooled
 * connection could be recycled, and every LISTEN would go with it). When the connection fails it
 * opens a new one, waiting 100 ms, then twice as long after each failure, up to 10 s. Whatever
 * was notified while it was down is gone, so after every reconnection {@code onGap} runs.
 */
final class PgListener implements AutoCloseable {
    /** The name other sessions see in pg_stat_activity, e.g. to find this connection. */
    static final String APPLICATION_NAME = "parley-fanout";

    private static final Logger log = LoggerFactory.getLogger(PgListener.class);
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 10_000;
    private static final int POLL_MS = 500;
    /** A connection cut without a word (a dead network) is noticed by a query this often. */
    private static final long PROBE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String jdbcUrl;
    private final Consumer<String> onPayload;
    private final Runnable onGap;
    private final Thread thread;
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection current;

    PgListener(String jdbcUrl, Consumer<String> onPayload, Runnable onGap) {
        this.jdbcUrl = jdbcUrl;
        this.onPayload = onPayload;
        this.onGap = onGap;
        this.thread = new Thread(this::run, "parley-fanout-listener");
        thread.setDaemon(true);
    }

    /** Starts listening; waits up to {@code waitMs} for the first LISTEN (it keeps trying after that). */
    void start(long waitMs) {
        thread.start();
        try {
            firstListen.await(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean listening() {
        return listening;
    }

    private void run() {
        long backoff = MIN_BACKOFF_MS;
        boolean listenedBefore = false;
        while (running) {
            try (Connection connection = open()) {
                current = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + PgPublisher.CHANNEL);
                }
                if (listenedBefore) {
                    log.info(
                            "listening to the other nodes again; closing this node's sockets so their clients catch up");
                    onGap.run();
                } else {
                    log.info("listening to the other nodes (PostgreSQL channel {})", PgPublisher.CHANNEL);
                }
                listenedBefore = true;
                listening = true;
                firstListen.countDown();
                backoff = MIN_BACKOFF_MS;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn(
                            "cannot listen to the other nodes (retrying in {} ms): {}",
                            backoff,
                            e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            } finally {
                listening = false;
                current = null;
            }
            if (!sleep(backoff)) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MS);
            if (notifications != null && notifications.length > 0) {
                lastHeard = System.nanoTime();
                for (PGNotification notification : notifications) {
                    onPayload.accept(notification.getParameter());
                }
            } else if (System.nanoTime() - lastHeard > PROBE_EVERY_NANOS) {
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(5);
                    statement.execute("SELECT 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection connection = current;
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // closing anyway
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
