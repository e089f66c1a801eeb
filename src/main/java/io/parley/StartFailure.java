package io.parley;

import io.javalin.util.JavalinBindException;
import io.parley.db.Database;
import io.parley.media.MediaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.SQLException;

/**
 * A start that failed for a reason the person starting it can fix (a busy port, a database held by
 * another process): its message is the one line they read, without a stack trace, which stays for bugs.
 */
public final class StartFailure extends RuntimeException {
    /** H2's DATABASE_ALREADY_OPEN_1: another process holds the file lock. */
    private static final int H2_DATABASE_IN_USE = 90020;

    StartFailure(String message) {
        super(message, null, false, false);
    }

    /** Refuses a busy port before anything is created on disk (Jetty's own bind comes later). */
    static void requirePortFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw portTrouble(port, e);
        }
    }

    /** What a failed start means for the person, or the failure itself when it is a bug. */
    static RuntimeException explain(RuntimeException failure, Config config) {
        if (failure instanceof StartFailure) {
            return failure;
        }
        if (failure instanceof MediaStore.MediaDirUnusable unusable) {
            return new StartFailure(unusable.getMessage());
        }
        if (failure instanceof JavalinBindException bind) {
            return portTrouble(config.port(), bind.getCause() instanceof IOException io ? io : null);
        }
        if (failure instanceof Database.Unopened unopened) {
            return databaseTrouble(unopened, config);
        }
        if (failure instanceof UncheckedIOException io) { // a secret could not be kept in the data folder
            return new StartFailure(
                    io.getMessage() + " (" + io.getCause().getClass().getSimpleName()
                            + "): check that PARLEY_DATA_DIR is a folder this user can write to");
        }
        return failure;
    }

    private static StartFailure portTrouble(int port, IOException cause) {
        if (cause == null
                || cause instanceof BindException
                        && String.valueOf(cause.getMessage()).contains("in use")) {
            return new StartFailure("port " + port + " is in use by another program: stop it or set PARLEY_PORT");
        }
        return new StartFailure("cannot listen on port " + port + " (" + cause.getMessage() + "): set PARLEY_PORT");
    }

    private static StartFailure databaseTrouble(Database.Unopened unopened, Config config) {
        boolean own = config.dbUrl().equals(Config.defaultDbUrl(config.dataDir()));
        SQLException cause = unopened.getCause();
        if (cause.getErrorCode() == H2_DATABASE_IN_USE) {
            return new StartFailure(
                    own
                            ? "the database in " + config.dataDir()
                                    + " is in use by another Parley process: stop it or set PARLEY_DATA_DIR"
                            : "the database of PARLEY_DB_URL is in use by another process: stop it or set PARLEY_DB_URL");
        }
        String reason = firstLine(cause.getMessage());
        return new StartFailure(
                own
                        ? "cannot open the database in " + config.dataDir() + ": " + reason + ": check PARLEY_DATA_DIR"
                        : "cannot open the database of PARLEY_DB_URL: " + reason + ": check PARLEY_DB_URL");
    }

    /** H2 appends the statement and its error code on further lines and in brackets: the first part says it. */
    private static String firstLine(String message) {
        String line =
                message == null ? "unknown error" : message.lines().findFirst().orElse("");
        return line.replaceAll("\\s*\\[\\d+-\\d+]\\s*$", "");
    }
}
