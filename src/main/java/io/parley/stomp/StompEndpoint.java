package io.parley.stomp;

import io.parley.fanout.Fanout;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/** One STOMP endpoint's sockets: creates them at Jetty's upgrade, counts them, and beats their hearts. */
public final class StompEndpoint implements AutoCloseable {
    private static final long TICK_MS = 1_000;
    private static final long CONNECT_GRACE_MS = 10_000;

    private final SocketPolicy policy;
    private final Fanout fanout;
    private final Set<StompConnection> connections = ConcurrentHashMap.newKeySet();
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

    /**
     * Jetty's creator for this endpoint's path, called at the upgrade: a listener for the new
     * socket, remembering only what the connection needs of the handshake (its Origin, the address).
     */
    public Object create(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        SocketUpgrades.negotiate(request, response);
        JettySocket socket = new JettySocket(this);
        socket.attach(new StompConnection(
                UUID.randomUUID().toString(),
                policy,
                fanout,
                limits,
                request.getHeaders().get(HttpHeader.ORIGIN),
                SocketUpgrades.address(request),
                socket));
        return socket;
    }

    void opened(StompConnection connection) {
        limits.opened(connection.address());
        connections.add(connection);
    }

    void forget(StompConnection connection) {
        if (connections.remove(connection)) {
            limits.closed(connection.address());
            connection.closed();
        }
    }

    public int openConnections() {
        return connections.size();
    }

    /** Tells every client why it is being cut off (an ERROR frame), then closes. */
    public void closeAll(String reason) {
        connections.forEach(connection -> connection.close(reason));
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

    private void tick() {
        long now = System.nanoTime();
        for (StompConnection connection : connections) {
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
}
