package io.parley.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The ceiling: bare Jetty 12 (the transport under Javalin) with no auth, JSON, STOMP or database.
 * A socket at {@code /ws?room=R} echoes what it gets; {@code POST /publish?room=R} sends the body
 * to every socket in room R and answers 200. Same client code, same JVM flags as Parley.
 */
public final class EchoServer {
    private static final Map<String, Set<Session>> rooms = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PARLEY_PORT", "8090"));
        Server server = new Server(port);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping(
                    "/ws",
                    (request, response, callback) ->
                            new Endpoint(Request.extractQueryParameters(request).getValue("room")));
        });
        ws.setHandler(new Http());
        server.setHandler(ws);
        server.start();
        System.out.println("echo server on port " + port);
        server.join();
    }

    private static final class Http extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            if (path.equals("/health")) {
                response.setStatus(200);
                Content.Sink.write(response, true, "{\"status\":\"ok\"}", callback);
                return true;
            }
            if (path.equals("/publish")) {
                String room = Request.extractQueryParameters(request).getValue("room");
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                for (Session session : rooms.getOrDefault(room == null ? "" : room, Set.of())) {
                    session.sendText(body, org.eclipse.jetty.websocket.api.Callback.NOOP);
                }
                response.setStatus(200);
                Content.Sink.write(response, true, "{}", callback);
                return true;
            }
            response.setStatus(404);
            callback.succeeded();
            return true;
        }
    }

    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final String room;
        private Session session;

        Endpoint(String room) {
            this.room = room == null ? "" : room;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
        }

        @Override
        public void onWebSocketText(String message) {
            if (!message.isBlank()) { // heart-beats are not echoed
                session.sendText(message, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            Set<Session> members = rooms.get(room);
            if (members != null) {
                members.remove(session);
            }
            callback.succeed();
        }
    }
}
