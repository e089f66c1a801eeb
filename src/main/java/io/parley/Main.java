package io.parley;

import io.parley.config.BadSetting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /** Exit status for a setting Parley cannot use; 1 is for a start that failed (busy port and the like). */
    static final int BAD_SETTING = 2;

    public static void main(String[] args) {
        Config config;
        Parley parley;
        try {
            config = Config.fromEnv(System.getenv());
        } catch (BadSetting e) {
            System.err.println(e.getMessage());
            System.exit(BAD_SETTING);
            return;
        }
        try {
            parley = Parley.start(config);
        } catch (StartFailure e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(parley::stop, "parley-shutdown"));
        log.info("Parley listens on http://localhost:{} (demo page /, inbox /inbox)", parley.port());
    }
}
