package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.HandlerType;
import io.parley.support.TestServer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route the app registers, called by every kind of caller: a route added without an entry
 * in {@link #EXPECTED} fails here, so nobody forgets to decide who may call it. The table is the
 * contract's role list.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RoleMatrixTest {
    enum Kind {
        NONE,
        VISITOR,
        BOT,
        AGENT,
        ADMIN,
        SYSTEM
    }

    static final Set<Kind> PUBLIC = EnumSet.allOf(Kind.class);
    static final Set<Kind> ADMINS = EnumSet.of(Kind.ADMIN, Kind.SYSTEM);
    static final Set<Kind> PEOPLE = EnumSet.of(Kind.AGENT, Kind.ADMIN, Kind.SYSTEM);
    static final Set<Kind> OPERATORS = EnumSet.of(Kind.BOT, Kind.AGENT, Kind.ADMIN, Kind.SYSTEM);

    static final Map<String, Set<Kind>> EXPECTED = Map.ofEntries(
            Map.entry("GET /health", PUBLIC),
            Map.entry("GET /metrics", ADMINS),
            Map.entry("GET /", PUBLIC),
            Map.entry("GET /s.js", PUBLIC),
            Map.entry("GET /chatplugin/ui/s.js", PUBLIC),
            Map.entry("GET /inbox", PUBLIC),
            Map.entry("GET /inbox.js", PUBLIC),
            Map.entry("GET /inbox/{part}", PUBLIC),
            Map.entry("OPTIONS /*", PUBLIC),
            Map.entry("GET /media/{id}", PUBLIC),
            Map.entry("POST /media.upload", PUBLIC),
            Map.entry("POST /chatplugin.upload", EnumSet.of(Kind.VISITOR)),
            Map.entry("POST /channels.connect", ADMINS),
            Map.entry("POST /channels.list", ADMINS),
            Map.entry("POST /channels.info", ADMINS),
            Map.entry("POST /channels.update", ADMINS),
            Map.entry("POST /channels.disconnect", ADMINS),
            Map.entry("POST /conversations.list", OPERATORS),
            Map.entry("POST /conversations.info", OPERATORS),
            Map.entry("POST /conversations.read", PEOPLE),
            Map.entry("POST /conversations.set-state", OPERATORS),
            Map.entry("POST /conversations.assign", PEOPLE),
            Map.entry("POST /messages.list", OPERATORS),
            Map.entry("POST /messages.send", OPERATORS),
            Map.entry("POST /webhooks.subscribe", ADMINS),
            Map.entry("POST /webhooks.unsubscribe", ADMINS),
            Map.entry("POST /webhooks.info", ADMINS),
            Map.entry("POST /operators.create", ADMINS),
            Map.entry("POST /operators.list", PEOPLE),
            Map.entry("POST /operators.me", PEOPLE),
            Map.entry("POST /operators.update", PEOPLE),
            Map.entry("POST /operators.setAvailability", PEOPLE),
            Map.entry("POST /canned_responses.create", PEOPLE),
            Map.entry("POST /canned_responses.list", PEOPLE),
            Map.entry("POST /canned_responses.update", PEOPLE),
            Map.entry("POST /canned_responses.delete", PEOPLE),
            Map.entry("POST /auth.login", PUBLIC),
            Map.entry("POST /auth.logout", PEOPLE),
            Map.entry("POST /auth.setup", ADMINS),
            Map.entry("POST /chatplugin.authenticate", PUBLIC),
            Map.entry("POST /chatplugin.resumeToken", EnumSet.of(Kind.VISITOR, Kind.ADMIN, Kind.SYSTEM)),
            Map.entry("POST /chatplugin.send", EnumSet.of(Kind.VISITOR)),
            Map.entry("POST /chatplugin.read", EnumSet.of(Kind.VISITOR)),
            Map.entry("POST /chatplugin.updateContact", EnumSet.of(Kind.VISITOR)),
            Map.entry("POST /chatplugin.config", PUBLIC),
            Map.entry("POST /conversations.typing", OPERATORS),
            Map.entry("POST /contacts.info", OPERATORS),
            Map.entry("POST /contacts.update", PEOPLE),
            Map.entry("POST /contacts.export", ADMINS),
            Map.entry("POST /contacts.delete", ADMINS),
            Map.entry("POST /chatplugin.transcript", EnumSet.of(Kind.VISITOR)),
            Map.entry("GET /c/{token}", PUBLIC),
            Map.entry("GET /u/{token}", PUBLIC),
            Map.entry("POST /u/{token}", PUBLIC));

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static final String PASSWORD = "role matrix password";
    static String visitorToken;
    static String botToken;

    @BeforeAll
    static void callers() {
        String channelId = server.connectChannel("role-matrix").get("id").asText();
        visitorToken = server.newVisitor(channelId).token();
        for (String role : List.of("agent", "admin")) {
            server.http()
                    .operator(
                            "/operators.create",
                            Map.of("email", role + "@matrix.example", "name", role, "role", role, "password", PASSWORD))
                    .ok();
        }
        botToken = server.http()
                .operator("/operators.create", Map.of("name", "Bot", "role", "bot"))
                .ok()
                .json()
                .get("api_token")
                .asText();
    }

    /** A fresh session per call: a route such as /auth.logout ends the one it is called with. */
    static String token(Kind kind) {
        return switch (kind) {
            case NONE -> null;
            case VISITOR -> visitorToken;
            case BOT -> botToken;
            case SYSTEM -> server.apiToken();
            case AGENT, ADMIN ->
                server.http()
                        .post(
                                "/auth.login",
                                null,
                                Map.of("email", kind.name().toLowerCase() + "@matrix.example", "password", PASSWORD))
                        .ok()
                        .json()
                        .get("token")
                        .asText();
        };
    }

    static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    static Set<String> registeredRoutes() {
        Set<String> routes = new TreeSet<>();
        server.parley().javalin().unsafe.internalRouter.allHttpHandlers().forEach(parsed -> {
            HandlerType method = parsed.endpoint.method;
            if (!HTTP_METHODS.contains(method.name())) {
                return; // before/after filters, not routes
            }
            routes.add((method == HandlerType.HEAD ? "GET" : method.name()) + " " + parsed.endpoint.path);
        });
        return routes;
    }

    @Test
    void every_registered_route_has_an_entry_in_the_role_table() {
        Set<String> missing = new TreeSet<>(registeredRoutes());
        missing.removeAll(EXPECTED.keySet());
        assertEquals(Set.of(), missing, "decide who may call these routes, in App and here");
        Set<String> stale = new TreeSet<>(EXPECTED.keySet());
        stale.removeAll(registeredRoutes());
        assertEquals(Set.of(), stale);
    }

    @Test
    void every_route_answers_every_kind_of_caller_as_the_role_table_says() {
        List<String> wrong = new ArrayList<>();
        for (String route : registeredRoutes()) {
            if (route.startsWith("OPTIONS")) {
                continue; // preflights carry no credentials, by design of CORS
            }
            String[] parts = route.split(" ", 2);
            for (Kind kind : Kind.values()) {
                int status = call(parts[0], parts[1], token(kind));
                String verdict = verdict(route, kind, status);
                if (verdict != null) {
                    wrong.add(route + " by " + kind + ": " + status + " " + verdict);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    static int call(String method, String route, String token) {
        String path = route.replace("{id}", "no-such-file") // a path parameter gets a value of its own
                .replace("{token}", "not-a-token");
        return server.http()
                .send(concrete(path), token, method.equals("POST") ? "{}" : null, method)
                .status();
    }

    /** A path with parameters, called with a value: access is decided before the value is looked at. */
    static String concrete(String path) {
        return path.replace("{part}", "core.js").replace("{id}", "no-such-file");
    }

    /** Null when right; otherwise what was expected. */
    static String verdict(String route, Kind kind, int status) {
        Set<Kind> allowed = EXPECTED.get(route);
        if (allowed == null) {
            return "(no entry in the role table)";
        }
        if (allowed.contains(kind)) {
            return status == 401 || status == 403 ? "(expected access)" : null;
        }
        // no token, or a token of the wrong kind (a visitor's on an operator route, an operator's
        // on a visitor route): unauthenticated there, as part 1 of the contract says
        boolean unknown = kind == Kind.NONE || kind == Kind.VISITOR || allowed.contains(Kind.VISITOR);
        int expected = unknown ? 401 : 403;
        return status == expected ? null : "(expected " + expected + ")";
    }

    @Test
    void a_refusal_for_a_known_caller_is_403_with_a_json_message() {
        var response = server.http().post("/channels.list", token(Kind.AGENT), Map.of());
        assertTrue(response.error(403).contains("agent"));
        var body = new HashMap<String, Object>();
        assertTrue(server.http().post("/channels.list", null, body).error(401).length() > 0);
    }
}
