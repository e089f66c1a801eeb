package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.MainProcess;
import io.parley.support.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a person starting Parley reads when it cannot start: one line on stderr saying what is
 * wrong and what to do, exit status 2 for a bad setting and 1 for a busy port or database, at once,
 * and nothing created on disk. Each case starts {@code io.parley.Main} in its own JVM.
 */
@Tag("h2-only") // starts its own processes on H2 files; the PostgreSQL run has nothing to add
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartupErrorsTest {
    /**
     * A correctness bound, not a speed figure: a start that fails must not wait out the pool's 5 s
     * connection timeout or retry (the bug it guards against took 5–6 s). Below that, generous for
     * a JVM starting on a loaded two-core machine.
     */
    static final Duration PROMPTLY = Duration.ofMillis(4_500);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "PARLEY_PORT | abc | PARLEY_PORT must be a whole number from 0 to 65535, got \"abc\"",
                "PARLEY_PORT | '' | PARLEY_PORT must be a whole number from 0 to 65535, got an empty value",
                "PARLEY_PORT | 99999 | PARLEY_PORT must be a whole number from 0 to 65535, got \"99999\"",
                "PARLEY_MAX_BODY_BYTES | 10 | PARLEY_MAX_BODY_BYTES must be a whole number from 1024 to 67108864,"
                        + " got \"10\"",
                "PARLEY_MESSAGES_PER_SECOND | fast | PARLEY_MESSAGES_PER_SECOND must be a number from 0.001 to"
                        + " 1000000000, got \"fast\"",
                "PARLEY_SOCKETS_TOTAL | -1 | PARLEY_SOCKETS_TOTAL must be a whole number from 1 to 1000000000,"
                        + " got \"-1\"",
                "PARLEY_WEBHOOK_TIMEOUT_MS | 1.5 | PARLEY_WEBHOOK_TIMEOUT_MS must be a whole number from 1 to"
                        + " 86400000, got \"1.5\"",
                "PARLEY_WEBHOOK_WORKERS | 0 | PARLEY_WEBHOOK_WORKERS must be a whole number from 1 to 256, got \"0\"",
                "PARLEY_DATA_DIR | '' | PARLEY_DATA_DIR must be a folder path, got an empty value",
                "PARLEY_DB_URL | jdbc:h2:file:./x;WRITE_DELAY=500 | PARLEY_DB_URL sets WRITE_DELAY=500, but Parley"
                        + " needs WRITE_DELAY=0 so that an acknowledged message is on disk: remove it from the URL",
                "PARLEY_DB_URL | jdbc:h2:file:./x;DB_CLOSE_ON_EXIT=TRUE | PARLEY_DB_URL sets DB_CLOSE_ON_EXIT=TRUE,"
                        + " but Parley needs DB_CLOSE_ON_EXIT=FALSE so that an acknowledged message is on disk:"
                        + " remove it from the URL",
                "PARLEY_DB_URL | jdbc:nosuch://x/y | PARLEY_DB_URL must be a JDBC URL of a database Parley has a driver"
                        + " for (jdbc:h2:... or jdbc:postgresql:...), got one starting \"jdbc:nos\"",
            })
    void a_bad_setting_is_one_line_naming_it_and_exit_status_2_before_anything_is_created(
            String name, String value, String expected) {
        Path data = dir.resolve("data");
        Map<String, String> env = new HashMap<>(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_PORT", "0"));
        env.put(name, value);

        MainProcess.Ended ended = MainProcess.run(env, dir.resolve("logs"));

        assertEquals(expected + "\n", ended.stderr());
        assertEquals(2, ended.status());
        assertEquals("", ended.stdout());
        assertPrompt(ended);
        assertFalse(Files.exists(data), "a data folder was created");
    }

    @Test
    void a_busy_port_is_one_line_saying_so_and_exit_status_1_before_anything_is_created() throws IOException {
        Path data = dir.resolve("data");
        try (ServerSocket busy = new ServerSocket(0)) {
            int port = busy.getLocalPort();
            MainProcess.Ended ended = MainProcess.run(
                    Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_PORT", String.valueOf(port)),
                    dir.resolve("logs"));

            assertEquals(
                    "port " + port + " is in use by another program: stop it or set PARLEY_PORT\n", ended.stderr());
            assertEquals(1, ended.status());
            assertEquals("", ended.stdout(), "no token printed by a start that failed");
            assertPrompt(ended);
            assertFalse(Files.exists(data), "a data folder was created");
        }
    }

    @Test
    void a_database_another_process_holds_is_one_line_saying_so_and_exit_status_1() {
        try (TestServer running = TestServer.start()) { // this JVM holds the database file's lock
            MainProcess.Ended ended = MainProcess.run(
                    Map.of("PARLEY_DATA_DIR", running.dataDir().toString(), "PARLEY_PORT", "0"), dir.resolve("logs"));

            assertEquals(
                    "the database in " + running.dataDir()
                            + " is in use by another Parley process: stop it or set PARLEY_DATA_DIR\n",
                    ended.stderr());
            assertEquals(1, ended.status());
            assertPrompt(ended);
            running.http().get("/health").ok(); // and the running one was not disturbed
        }
    }

    @Test
    void a_database_url_that_cannot_be_reached_is_one_line_and_exit_status_1() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        MainProcess.Ended ended = MainProcess.run(
                Map.of(
                        "PARLEY_DATA_DIR",
                        dir.resolve("data").toString(),
                        "PARLEY_PORT",
                        "0",
                        "PARLEY_DB_URL",
                        "jdbc:h2:tcp://localhost:" + closed + "/parley"),
                dir.resolve("logs"));

        assertEquals(1, ended.status());
        assertTrue(
                ended.stderr().startsWith("cannot open the database of PARLEY_DB_URL: Connection is broken"),
                ended.stderr());
        assertTrue(ended.stderr().endsWith(": check PARLEY_DB_URL\n"), ended.stderr());
        assertEquals(1, ended.stderr().lines().count(), ended.stderr());
        assertPrompt(ended);
    }

    static void assertPrompt(MainProcess.Ended ended) {
        assertTrue(ended.elapsed().compareTo(PROMPTLY) < 0, "took " + ended.elapsed());
    }
}
