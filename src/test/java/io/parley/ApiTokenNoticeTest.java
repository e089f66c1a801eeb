package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.MainProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The generated API token is shown by the first start that succeeds, and its place by every start. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ApiTokenNoticeTest {
    @TempDir
    Path dir;

    @Test
    void a_start_that_failed_after_creating_the_token_leaves_it_to_the_first_start_that_succeeds() throws IOException {
        Path data = dir.resolve("data");
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        // fails after the secrets were made: its database cannot be reached
        MainProcess.Ended failed = MainProcess.run(
                Map.of(
                        "PARLEY_DATA_DIR",
                        data.toString(),
                        "PARLEY_PORT",
                        "0",
                        "PARLEY_DB_URL",
                        "jdbc:h2:tcp://localhost:" + closed + "/parley"),
                dir.resolve("logs"));
        assertEquals(1, failed.status(), failed.stderr());
        assertEquals("", failed.stdout());
        Path tokenFile = data.resolve("api-token");
        String token = Files.readString(tokenFile).strip();

        Map<String, String> env = Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_PORT", "0");
        try (MainProcess first = MainProcess.listening(env, dir.resolve("logs"))) {
            assertEquals("Parley API token (kept in " + tokenFile + "): " + token + "\n", first.stdout());
        }
        try (MainProcess second = MainProcess.listening(env, dir.resolve("logs"))) {
            assertEquals("Parley API token is kept in " + tokenFile + "\n", second.stdout());
            assertFalse(second.stderr().contains(token), "the token was logged");
        }
    }

    @Test
    void a_token_from_the_environment_is_never_printed() {
        Map<String, String> env = Map.of(
                "PARLEY_DATA_DIR", dir.resolve("data").toString(),
                "PARLEY_PORT", "0",
                "PARLEY_API_TOKEN", "token-from-the-environment");
        try (MainProcess main = MainProcess.listening(env, dir.resolve("logs"))) {
            assertEquals("Parley API token: the value of PARLEY_API_TOKEN\n", main.stdout());
            assertTrue(!main.stderr().contains("token-from-the-environment"));
        }
    }
}
