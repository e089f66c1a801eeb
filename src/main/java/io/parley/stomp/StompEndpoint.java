package io.parley.stomp;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.parley.fanout.Fanout;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** Adapts Javalin's WebSocket callbacks to STOMP connections, and beats their hearts. */
public final class StompEndpoint implements AutoCloseable {
    private static final long TICK_MS = 1_000;
    private static final long CONNECT_GRACE_MS = 10_000;

    private final SocketPolicy policy;
    private final Fanout fanout;
    private final Map<String, StompConnection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    private final SocketLimits limits;

    public StompEndpoint(SocketPolicy policy, Fanout fanout, SocketLimits limits) {
        this.policy = policy;
        this.fanout = fanout;
        this.limits = limits;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stomp-heartbeat-" + policy.name());
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            String address = address(ctx);
            limits.opened(address);
            connections.put(
                    ctx.sessionId(),
                    new StompConnection(
                            ctx.sessionId(),
                            policy,
                            fanout,
                            limits,
                            ctx.header("Origin"),
                            address,
                            new JettyTransport(ctx.session)));
        });
        ws.onMessage(ctx -> connection(ctx).receive(ctx.message()));
        ws.onBinaryMessage(ctx -> connection(ctx).receive(bytes(ctx.data())));
        ws.onClose(ctx -> forget(ctx));
        ws.onError(ctx -> forget(ctx));
    }

    public int openConnections() {
        return connections.size();
    }

    /** Tells every client why it is being cut off (an ERROR frame), then closes. */
    public void closeAll(String reason) {
        connections.values().forEach(connection -> connection.close(reason));
    }

    /**
     * Waits, at most until {@code deadlineNanos}, for every socket to finish closing, so that the
     * ERROR frames {@link #closeAll} queued are written before the server stops its connections.
     */
    public void awaitClosed(long deadlineNanos) {
        while (!connections.isEmpty() && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private StompConnection connection(WsContext ctx) {
        StompConnection connection = connections.get(ctx.sessionId());
        if (connection == null) {
            throw new IllegalStateException("message on an unknown socket");
        }
        return connection;
    }

    private void forget(WsContext ctx) {
        StompConnection connection = connections.remove(ctx.sessionId());
        if (connection != null) {
            limits.closed(connection.address());
            connection.closed();
        }
    }

    static String address(WsContext ctx) {
        return ctx.session.getRemoteSocketAddress() instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress()
                : String.valueOf(ctx.session.getRemoteSocketAddress());
    }

    private void tick() {
        long now = System.nanoTime();
        for (StompConnection connection : connections.values()) {
            if (connection.connectOverdue(now, CONNECT_GRACE_MS)) {
                connection.close("no CONNECT frame within " + CONNECT_GRACE_MS / 1000 + " seconds");
            }
            if (!connection.isConnected()) {
                continue;
            }
            Heartbeat heartbeat = connection.heartbeat();
            if (heartbeat.peerSilentTooLong(now)) {
                connection.timedOut();
            } else if (heartbeat.heartbeatDue(now, TICK_MS)) {
                connection.sendHeartbeat();
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        return data;
    }

    private record JettyTransport(Session session) implements Transport {
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
    }
}
