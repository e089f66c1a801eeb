package io.parley.stomp;

import io.parley.errors.ParleyError;
import io.parley.errors.TooManyRequests;
import io.parley.fanout.Fanout;
import io.parley.fanout.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's STOMP session: frames in from one socket, MESSAGE frames out from any thread.
 * Outbound frames are bounded: a peer that does not read is cut off instead of holding memory
 * and delaying the fan-out to everyone else.
 */
public final class StompConnection implements Fanout.Subscriber {
    private static final Logger log = LoggerFactory.getLogger(StompConnection.class);
    static final int MAX_PENDING_FRAMES = 1024;
    private static final int MAX_SUBSCRIPTIONS = 32;

    private final String id;
    private final SocketPolicy policy;
    private final Fanout fanout;
    private final Transport transport;
    private final FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
    private final Subscriptions subscriptions;
    private final OutboundQueue outbound;
    private final List<Fanout.Registration> registrations = new ArrayList<>();
    private final AtomicLong messageCounter = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String version = "1.2";
    private volatile boolean connected;
    private final Heartbeat heartbeat = new Heartbeat();
    private final long openedNanos = System.nanoTime();

    private final SocketLimits limits;
    private final String origin;
    private final String address;
    private volatile String identity;
    private volatile Map<String, SocketPolicy.Inbound> sends = Map.of();

    /** {@code origin} and {@code address}: the handshake's Origin header and the client's IP address. */
    public StompConnection(
            String id,
            SocketPolicy policy,
            Fanout fanout,
            SocketLimits limits,
            String origin,
            String address,
            Transport transport) {
        this.id = id;
        this.address = address;
        this.policy = policy;
        this.fanout = fanout;
        this.limits = limits;
        this.origin = origin;
        this.transport = transport;
        this.subscriptions = new Subscriptions(MAX_SUBSCRIPTIONS, policy::normalize);
        this.outbound = new OutboundQueue(transport, MAX_PENDING_FRAMES);
    }

    String id() {
        return id;
    }

    String address() {
        return address;
    }

    Heartbeat heartbeat() {
        return heartbeat;
    }

    /** Bytes of one WebSocket message, in order; the socket delivers them from one thread at a time. */
    public void receive(byte[] data) {
        heartbeat.received();
        if (closed.get()) {
            return;
        }
        List<Frame> frames;
        try {
            frames = decoder.feed(data);
        } catch (FrameException e) {
            fail("malformed frame: " + e.getMessage(), null);
            return;
        }
        for (Frame frame : frames) {
            if (closed.get()) {
                return;
            }
            handle(frame);
        }
    }

    public void receive(String text) {
        receive(text.getBytes(StandardCharsets.UTF_8));
    }

    private void handle(Frame frame) {
        String receipt = frame.header("receipt");
        if (!connected && !isConnect(frame)) {
            fail("not connected: send CONNECT first", receipt);
            return;
        }
        switch (frame.command()) {
            case "CONNECT", "STOMP" -> {
                connect(frame);
                return;
            }
            case "SUBSCRIBE" -> {
                if (!subscribe(frame)) return;
            }
            case "UNSUBSCRIBE" -> {
                if (!unsubscribe(frame)) return;
            }
            case "DISCONNECT" -> {
                disconnect(receipt);
                return;
            }
            case "SEND" -> {
                if (!inbound(frame)) return;
            }
            default -> {} // BEGIN, COMMIT, ABORT, ACK, NACK: nothing to do with auto-acknowledged queues
        }
        if (receipt != null) {
            send(Frame.of("RECEIPT", Map.of("receipt-id", receipt), ""));
        }
    }

    /** A client SEND: handed to the destination's handler; false when answered with an ERROR. */
    private boolean inbound(Frame frame) {
        String receipt = frame.header("receipt");
        String destination = frame.header("destination");
        SocketPolicy.Inbound handler = destination == null ? null : sends.get(destination);
        if (handler == null) {
            error(
                    sends.isEmpty()
                            ? "SEND is not supported here: post messages to /chatplugin.send or /messages.send"
                            : "SEND is accepted only to "
                                    + String.join(" and ", new java.util.TreeSet<>(sends.keySet()))
                                    + ": post messages to /chatplugin.send or /messages.send",
                    receipt);
            return false;
        }
        try {
            handler.receive(frame.body());
            return true;
        } catch (ParleyError refused) {
            error(StompErrors.text(refused), receipt);
        } catch (RuntimeException e) {
            log.warn("SEND to {} on STOMP connection {} failed", destination, id, e);
            error("could not handle the SEND: try again", receipt);
        }
        return false;
    }

    private static boolean isConnect(Frame frame) {
        return frame.command().equals("CONNECT") || frame.command().equals("STOMP");
    }

    private void connect(Frame frame) {
        if (connected) {
            fail("already connected", frame.header("receipt"));
            return;
        }
        String negotiated = Negotiation.version(frame.header("accept-version"));
        if (negotiated == null) {
            fail("unsupported STOMP version: this server speaks 1.2, 1.1 and 1.0", null);
            return;
        }
        SocketPolicy.Admission admission;
        try {
            admission = policy.authenticator().admit(Negotiation.credential(frame), origin);
        } catch (ParleyError refused) {
            fail(StompErrors.text(refused), null);
            return;
        }
        if (!limits.admit(admission.identity())) {
            fail(StompErrors.text(new TooManyRequests("too many open sockets for this visitor", 5)), null);
            return;
        }
        identity = admission.identity();
        sends = admission.sends();
        register(admission.topics(), admission.onClose());
        version = negotiated;
        decoder.version(negotiated);
        connected = true;
        var headers = new LinkedHashMap<String, String>();
        headers.put("version", negotiated);
        headers.put("heart-beat", heartbeat.negotiate(frame.header("heart-beat")));
        headers.put("server", "Parley");
        headers.put("session", id);
        send(Frame.of("CONNECTED", headers, ""));
    }

    /** Under the same lock as unregister, so a close racing with CONNECT leaves nothing registered. */
    private synchronized void register(List<Topic> topics, Runnable onClose) {
        if (closed.get()) {
            limits.release(identity);
            identity = null;
            if (onClose != null) {
                onClose.run();
            }
        } else {
            topics.forEach(topic -> registrations.add(fanout.subscribe(topic, this)));
            if (onClose != null) {
                registrations.add(onClose::run);
            }
        }
    }

    private boolean subscribe(Frame frame) {
        String subscriptionId = frame.header("id");
        String destination = frame.header("destination");
        if (subscriptionId == null || destination == null) {
            fail("SUBSCRIBE needs the headers id and destination", frame.header("receipt"));
            return false;
        }
        switch (subscriptions.add(subscriptionId, destination)) {
            case UNKNOWN_DESTINATION ->
                error("unknown destination: " + abbreviate(destination), frame.header("receipt"));
            case TOO_MANY -> error("too many subscriptions on one connection", frame.header("receipt"));
            case ADDED -> {
                return true;
            }
        }
        return false;
    }

    private boolean unsubscribe(Frame frame) {
        String subscriptionId = frame.header("id");
        if (subscriptionId == null) {
            fail("UNSUBSCRIBE needs the header id", frame.header("receipt"));
            return false;
        }
        subscriptions.remove(subscriptionId);
        return true;
    }

    private void disconnect(String receipt) {
        if (receipt != null) {
            send(Frame.of("RECEIPT", Map.of("receipt-id", receipt), ""));
        }
        shutdown(1000, "disconnected");
    }

    @Override
    public void deliver(String destination, String json) {
        if (!connected || closed.get()) {
            return;
        }
        subscriptions.forEachHearing(destination, (subscriptionId, subscribed) -> {
            var headers = new LinkedHashMap<String, String>();
            headers.put("subscription", subscriptionId);
            headers.put("message-id", id + "-" + messageCounter.incrementAndGet());
            headers.put("destination", subscribed);
            headers.put("content-type", "application/json");
            send(Frame.of("MESSAGE", headers, json));
        });
    }

    /** Ends the session from the server's side (channel disconnected, server stopping). */
    @Override
    public void close(String reason) {
        fail(reason, null);
    }

    /** An ERROR the client may recover from: the connection stays open. */
    private void error(String message, String receipt) {
        send(StompErrors.frame(message, receipt));
    }

    /** An ERROR that ends the connection, as the spec asks after a protocol error. */
    private void fail(String message, String receipt) {
        if (!closed.get()) {
            send(StompErrors.frame(message, receipt));
            shutdown(1000, "error");
        }
    }

    void sendHeartbeat() {
        sendRaw("\n");
    }

    private void send(Frame frame) {
        sendRaw(FrameEncoder.encode(frame, version));
    }

    private void sendRaw(String text) {
        if (closed.get()) {
            return;
        }
        if (!outbound.offer(text)) {
            log.warn(
                    "closing STOMP connection {}: the client does not read ({} frames queued)", id, MAX_PENDING_FRAMES);
            closed.set(true);
            unregister();
            transport.abort();
            return;
        }
        heartbeat.sent();
    }

    private void shutdown(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            unregister();
            transport.close(code, reason);
        }
    }

    /** The socket is gone (closed by either side): stop delivering to it. */
    public void closed() {
        closed.set(true);
        unregister();
    }

    boolean isConnected() {
        return connected && !closed.get();
    }

    /** A socket that never says CONNECT would otherwise hold a file descriptor forever. */
    boolean connectOverdue(long nowNanos, long graceMs) {
        return !connected && !closed.get() && (nowNanos - openedNanos) / 1_000_000 > graceMs;
    }

    void timedOut() {
        fail("no heart-beat from the client within the agreed interval", null);
    }

    private synchronized void unregister() {
        registrations.forEach(Fanout.Registration::close);
        registrations.clear();
        limits.release(identity);
        identity = null;
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
