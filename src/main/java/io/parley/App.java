package io.parley;

import static io.parley.auth.Access.ADMIN;
import static io.parley.auth.Access.AGENT;
import static io.parley.auth.Access.BOT;
import static io.parley.auth.Access.PUBLIC;
import static io.parley.auth.Access.VISITOR;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.parley.auth.Access;
import io.parley.canned.CannedResponseController;
import io.parley.channel.ChannelController;
import io.parley.chatplugin.ChatPluginController;
import io.parley.contact.ContactController;
import io.parley.conversation.ConversationController;
import io.parley.conversation.MessageController;
import io.parley.email.EmailPagesController;
import io.parley.errors.Unavailable;
import io.parley.json.Json;
import io.parley.media.MediaController;
import io.parley.operator.AuthController;
import io.parley.operator.OperatorController;
import io.parley.page.PagesController;
import io.parley.privacy.PrivacyController;
import io.parley.stomp.SocketUpgrades;
import io.parley.web.Cors;
import io.parley.web.Errors;
import io.parley.web.RequestLog;
import io.parley.web.TransportErrors;
import io.parley.webhook.WebhookController;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Builds the HTTP and WebSocket server: the whole route table is here. */
public final class App {
    /**
     * Jetty pads some queues by how many object references fit in a 64-byte cache line. Unless told,
     * it asks the JVM through JMX, which starts the whole platform MBean server for that one answer:
     * about 280 classes and 50-80 ms of a cold start. Below 32 GiB of heap references are compressed
     * to 4 bytes, 16 to a line; above, 8 bytes. A value given with -D is kept.
     */
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private App() {}

    /** {@code ready} stays false until the database is migrated: every request gets a 503 until then. */
    public static Javalin create(Config config, Services services, BooleanSupplier ready) {
        tellJettyReferencesPerCacheLine();
        var channels = new ChannelController(services.channels());
        var chat = new ChatPluginController(services.chatPlugin());
        var pages =
                new PagesController(services.channels(), services.operators().auth()::needsSetup);
        var conversations = new ConversationController(services.conversations(), services.inbox(), services.typing());
        var contacts = new ContactController(services.contacts());
        var messages = new MessageController(services.conversations(), services.messages());
        var webhooks = new WebhookController(services.webhooks());
        var privacy = new PrivacyController(services.privacy());
        var emailPages = new EmailPagesController(services.visitorEmails());
        var operators = new OperatorController(services.operators().operators());
        var auth = new AuthController(services.operators().auth());
        var media = new MediaController(
                services.media(), services.tokens(), services.operators().tokens(), services.channels());
        var canned = new CannedResponseController(services.canned());
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.requestLogger.http(RequestLog::log);
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.prefer405over404 = true; // GET on a POST endpoint: 405 with Allow, as HTTP says
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                server.setErrorHandler(new TransportErrors());
                // the two STOMP sockets, straight on Jetty: see SocketUpgrades for why not Javalin's ws()
                SocketUpgrades.install(
                        server,
                        services.socketLimits(),
                        services.limiter()::rejected,
                        Map.of(
                                "/ws.chatplugin", services.visitorSockets(),
                                "/ws.communication", services.operatorSockets()));
            });
            var routes = cfg.routes;
            Errors.register(routes);
            routes.before(Cors::addHeaders);
            // read every body before anything can refuse the request (401, 404): a body left unread
            // makes Jetty drop the keep-alive connection under a client that is about to reuse it
            routes.before(ctx -> {
                if (ctx.method().equals(HandlerType.POST) && !MediaController.UPLOAD_PATHS.contains(ctx.path())) {
                    ctx.bodyAsBytes();
                }
            });
            routes.before(ctx -> {
                if (!ready.getAsBoolean()) {
                    throw new Unavailable("Parley is starting: retry shortly");
                }
            });
            routes.beforeMatched(
                    Access.checkWith(services.tokens(), services.operators().tokens()));
            routes.options("/*", Cors::preflight, PUBLIC);

            get(
                    routes,
                    "/health",
                    ctx -> {
                        services.health().require();
                        ctx.json(Map.of("status", "ok"));
                    },
                    PUBLIC);
            get(
                    routes,
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4")
                            .result(services.metrics().scrape()),
                    ADMIN);
            get(routes, "/", pages::demo, PUBLIC);
            get(routes, "/s.js", pages::widget, PUBLIC);
            get(routes, "/chatplugin/ui/s.js", pages::widget, PUBLIC); // where Airy's 2021+ snippet loads it
            get(routes, "/inbox", pages::inbox, PUBLIC);
            get(routes, "/inbox.js", pages::inboxScript, PUBLIC);
            get(routes, "/inbox/{part}", pages::inboxPart, PUBLIC);

            routes.post("/channels.connect", channels::connect, ADMIN);
            routes.post("/channels.list", channels::list, ADMIN);
            routes.post("/channels.info", channels::info, ADMIN);
            routes.post("/channels.update", channels::update, ADMIN);
            routes.post("/channels.disconnect", channels::disconnect, ADMIN);

            routes.post("/conversations.list", conversations::list, ADMIN, AGENT, BOT);
            routes.post("/conversations.info", conversations::info, ADMIN, AGENT, BOT);
            routes.post("/conversations.read", conversations::read, ADMIN, AGENT);
            routes.post("/conversations.set-state", conversations::setState, ADMIN, AGENT, BOT);
            routes.post("/conversations.assign", conversations::assign, ADMIN, AGENT);
            routes.post("/conversations.typing", conversations::typing, ADMIN, AGENT, BOT);
            routes.post("/contacts.info", contacts::info, ADMIN, AGENT, BOT);
            routes.post("/contacts.update", contacts::update, ADMIN, AGENT);
            routes.post("/messages.list", messages::list, ADMIN, AGENT, BOT);
            routes.post("/messages.send", messages::send, ADMIN, AGENT, BOT);

            routes.post("/operators.create", operators::create, ADMIN);
            routes.post("/operators.list", operators::list, ADMIN, AGENT);
            routes.post("/operators.me", operators::me, ADMIN, AGENT);
            routes.post("/operators.update", operators::update, ADMIN, AGENT);
            routes.post("/operators.setAvailability", operators::setAvailability, ADMIN, AGENT);
            routes.post("/canned_responses.create", canned::create, ADMIN, AGENT);
            routes.post("/canned_responses.list", canned::list, ADMIN, AGENT);
            routes.post("/canned_responses.update", canned::update, ADMIN, AGENT);
            routes.post("/canned_responses.delete", canned::delete, ADMIN, AGENT);
            routes.post("/auth.login", auth::login, PUBLIC);
            routes.post("/auth.logout", auth::logout, ADMIN, AGENT);
            routes.post("/auth.setup", auth::setup, ADMIN);

            routes.post("/chatplugin.authenticate", chat::authenticate, PUBLIC);
            routes.post("/chatplugin.resumeToken", chat::resumeToken, VISITOR, ADMIN);
            routes.post("/chatplugin.send", chat::send, VISITOR);
            routes.post("/chatplugin.read", chat::read, VISITOR);
            routes.post("/chatplugin.updateContact", chat::updateContact, VISITOR);
            routes.post("/chatplugin.config", chat::config, PUBLIC);

            // uploads stream their bodies (the 64 KiB body limit is for JSON): see MediaController
            routes.post("/chatplugin.upload", media::visitorUpload, VISITOR);
            routes.post("/media.upload", media::anyUpload, PUBLIC);
            get(routes, "/media/{id}", media::serve, PUBLIC);

            routes.post("/webhooks.subscribe", webhooks::subscribe, ADMIN);
            routes.post("/webhooks.unsubscribe", webhooks::unsubscribe, ADMIN);
            routes.post("/webhooks.info", webhooks::info, ADMIN);

            routes.post("/chatplugin.transcript", emailPages::transcript, VISITOR);
            get(routes, "/c/{token}", emailPages::continuePage, PUBLIC);
            get(routes, "/u/{token}", emailPages::unsubscribePage, PUBLIC);
            routes.post("/u/{token}", emailPages::unsubscribe, PUBLIC);

            routes.post("/contacts.export", privacy::export, ADMIN);
            routes.post("/contacts.delete", privacy::delete, ADMIN);
        });
    }

    private static void tellJettyReferencesPerCacheLine() {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            boolean compressed = Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024;
            System.setProperty(REFERENCES_PER_CACHE_LINE, compressed ? "16" : "8");
        }
    }

    /** A GET route and its HEAD, which monitors use: the same handler, whose body Jetty leaves out. */
    private static void get(RoutesConfig routes, String path, Handler handler, Access access) {
        routes.get(path, handler, access);
        routes.head(path, handler, access);
    }
}
