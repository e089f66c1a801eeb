package io.parley;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        Config config = Config.fromEnv(System.getenv());
        Parley parley = Parley.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(parley::stop, "parley-shutdown"));
        log.info("Parley listens on http://localhost:{} (demo page /, inbox /inbox)", parley.port());
    }
}
