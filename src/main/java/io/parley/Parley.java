package io.parley;

import io.javalin.Javalin;
import io.parley.auth.ErasedContacts;
import io.parley.auth.Secrets;
import io.parley.auth.Tokens;
import io.parley.db.Database;
import io.parley.fanout.Fanout;
import io.parley.fanout.LocalFanout;
import io.parley.fanout.PgFanout;
import io.parley.media.MediaStore;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running server: database, services, sockets and HTTP. Main and the tests both start it here. */
public final class Parley {
    private static final Logger log = LoggerFactory.getLogger(Parley.class);

    private final Database database;
    private final Services services;
    private final Javalin javalin;
    private final String apiToken;
    private volatile boolean stopped;

    private Parley(Database database, Services services, Javalin javalin, String apiToken) {
        this.database = database;
        this.services = services;
        this.javalin = javalin;
        this.apiToken = apiToken;
    }

    /**
     * @throws StartFailure for what the person starting it can fix (busy port, database in use),
     *     with one line saying what to do; anything else is a bug and keeps its stack trace
     */
    public static Parley start(Config config) {
        try {
            return startOrFail(config);
        } catch (RuntimeException e) {
            throw StartFailure.explain(e, config);
        }
    }

    private static Parley startOrFail(Config config) {
        StartFailure.requirePortFree(config.port()); // before a data folder or a secret is created
        Secrets.Loaded apiToken = config.apiToken() != null
                ? new Secrets.Loaded(config.apiToken(), false)
                : Secrets.loadOrCreate(config.dataDir(), "api-token");
        String jwtSecret = config.jwtSecret() != null
                ? config.jwtSecret()
                : Secrets.loadOrCreate(config.dataDir(), "jwt-secret").value();
        MediaStore mediaStore = MediaStore.open(config.media().dir());
        Database database = Database.connect(config.dbUrl());
        // Migrations (which open the database file) run on their own thread while Jetty and Javalin
        // start on this one: on two cores that takes about a third off a cold start. Until the
        // schema is ready every request, /health included, gets a 503.
        CompletableFuture<Void> opened = new CompletableFuture<>();
        CompletableFuture<Void> migrated = CompletableFuture.runAsync(
                () -> database.migrate(() -> opened.complete(null)),
                task -> new Thread(task, "parley-migrate").start());
        migrated.whenComplete((done, failed) -> {
            if (failed != null) {
                opened.completeExceptionally(failed);
            }
        });
        AtomicBoolean ready = new AtomicBoolean();
        Javalin javalin = null;
        try {
            Clock clock = Clock.systemUTC();
            // one node on H2; any number on one PostgreSQL database, which also carries their events
            Fanout fanout = Database.isPostgres(config.dbUrl())
                    ? new PgFanout(config.dbUrl(), database.jdbi(), clock)
                    : new LocalFanout();
            Tokens tokens = new Tokens(
                    jwtSecret,
                    config.previousJwtSecret(),
                    apiToken.value(),
                    clock,
                    new ErasedContacts(database.jdbi(), fanout));
            Services services = Services.create(database.jdbi(), tokens, fanout, clock, config, mediaStore);
            opened.join(); // a database that cannot be opened (in use, unreachable) stops us before listening
            javalin = App.create(config, services, ready::get).start(config.port());
            migrated.join();
            services.start();
            ready.set(true);
            // the demo page's channel, made off the start-up path (the page makes it too if it comes first)
            Thread demo = new Thread(
                    () -> {
                        try {
                            services.channels().firstConnectedOrDemo();
                        } catch (RuntimeException e) {
                            log.warn("could not prepare the demo channel: {}", e.toString());
                        }
                    },
                    "parley-demo-channel");
            demo.setDaemon(true);
            demo.start();
            ApiTokenNotice.print(config, apiToken.value());
            return new Parley(database, services, javalin, apiToken.value());
        } catch (RuntimeException e) {
            if (javalin != null) {
                javalin.stop();
            }
            migrated.exceptionally(failed -> null).join(); // never close the pool under a running migration
            database.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public int port() {
        return javalin.port();
    }

    public String apiToken() {
        return apiToken;
    }

    /** The route table as built, for tests that check every route. */
    public Javalin javalin() {
        return javalin;
    }

    public Services services() {
        return services;
    }

    /**
     * Sockets first (they get an ERROR saying why), then HTTP: Jetty stops accepting and lets
     * in-flight requests finish; the database closes last, after the final commit.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        log.info("Parley is stopping");
        services.closeSockets("server shutting down");
        javalin.stop();
        services.close();
        database.close();
        log.info("Parley stopped");
    }
}
