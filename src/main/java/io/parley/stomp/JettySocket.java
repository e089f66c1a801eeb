package io.parley.stomp;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket as Jetty sees it: its events go to the STOMP connection, whose frames go out
 * through it. All a socket holds besides Jetty's own state is this object and its connection.
 * Public only because Jetty reaches the listener methods through method handles.
 */
public final class JettySocket implements Session.Listener.AutoDemanding, Transport {
    private static final Logger log = LoggerFactory.getLogger(JettySocket.class);

    private final StompEndpoint endpoint;
    private StompConnection connection;
    private volatile Session session;

    JettySocket(StompEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    void attach(StompConnection connection) {
        this.connection = connection;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        endpoint.opened(connection);
    }

    @Override
    public void onWebSocketText(String message) {
        try {
            connection.receive(message);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            connection.receive(bytes(payload));
        } catch (RuntimeException e) {
            failed(e);
        } finally {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        endpoint.forget(connection);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        endpoint.forget(connection);
    }

    /** What the STOMP connection did not expect (a database failure at CONNECT): logged, never echoed. */
    private void failed(RuntimeException e) {
        log.warn("unexpected error on STOMP connection {}", connection.id(), e);
        session.close(StatusCode.SERVER_ERROR, "internal server error", Callback.NOOP);
    }

    @Override
    public void sendText(String text, Runnable done) {
        session.sendText(text, Callback.from(done, failure -> done.run()));
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    @Override
    public void abort() {
        session.disconnect();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        return data;
    }
}
