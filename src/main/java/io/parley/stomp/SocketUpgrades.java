package io.parley.stomp;

import io.parley.errors.TooManyRequests;
import io.parley.web.Errors;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The STOMP endpoints, registered with Jetty's own WebSocket upgrade in front of Javalin. Javalin's
 * {@code ws()} keeps, for as long as each socket lives, its upgrade request with the servlet
 * request and response around it, copies of its headers, cookies and attributes, and an HTTP
 * session that outlives the socket: about 5 KiB of heap a socket for nothing a STOMP connection
 * reads after the handshake (docs/performance.md).
 */
public final class SocketUpgrades {
    private static final long RETRY_REFUSED_AFTER_SECONDS = 5;

    private SocketUpgrades() {}

    /** {@code onRefused} runs for each upgrade refused by a socket limit (a metric counts them). */
    public static void install(
            Server server, SocketLimits limits, Runnable onRefused, Map<String, StompEndpoint> endpoints) {
        server.insertHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10)); // liveness is STOMP heart-beats' job
            container.setMaxTextMessageSize(128 * 1024);
            container.setMaxBinaryMessageSize(128 * 1024);
            endpoints.forEach((path, endpoint) -> container.addMapping(path, (request, response, callback) -> {
                String refusal = limits.refusal(address(request));
                if (refusal != null) {
                    onRefused.run();
                    Errors.respond(response, new TooManyRequests(refusal, RETRY_REFUSED_AFTER_SECONDS), callback);
                    return null;
                }
                return endpoint.create(request, response, callback);
            }));
        }));
    }

    /** The client's IP address, as the per-address socket limit counts it. */
    static String address(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(remote);
    }

    /**
     * What the handshake agrees: the first subprotocol offered (STOMP clients offer v12.stomp,
     * v11.stomp, v10.stomp in their order of preference), and no extension. Browsers offer
     * permessage-deflate, and a socket that has it keeps a Deflater (zlib's state, off the heap)
     * from its first frame on: about 85 KiB a socket, to shrink frames of a few hundred bytes.
     */
    static void negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response) {
        List<String> offered = request.getSubProtocols();
        if (!offered.isEmpty()) {
            response.setAcceptedSubProtocol(offered.get(0));
        }
        response.setExtensions(List.of());
    }
}
