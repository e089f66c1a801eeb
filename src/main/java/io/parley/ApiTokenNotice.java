package io.parley;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the person who started the server where the API token is. The token itself is printed once,
 * by the first start that reaches listening (a start that failed, say on a busy port, printed it to
 * nobody): a marker file next to the token records that it was shown. Printed, not logged.
 */
final class ApiTokenNotice {
    static final String MARKER = "api-token.shown";

    private ApiTokenNotice() {}

    static void print(Config config, String token) {
        if (config.apiToken() != null) {
            System.out.println("Parley API token: the value of PARLEY_API_TOKEN");
            return;
        }
        Path file = config.dataDir().resolve("api-token");
        Path marker = config.dataDir().resolve(MARKER);
        if (Files.exists(marker)) {
            System.out.println("Parley API token is kept in " + file);
            return;
        }
        System.out.println("Parley API token (kept in " + file + "): " + token);
        try {
            Files.createFile(marker);
        } catch (IOException e) {
            // the token will be shown again on the next start: better than never
        }
    }
}
