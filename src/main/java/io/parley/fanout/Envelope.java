package io.parley.fanout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * How fan-out calls cross nodes: one NOTIFY payload carries a node's id, a sequence number (so two
 * equal payloads in one transaction are not merged by PostgreSQL) and either events inline or the
 * id of one event too large for NOTIFY, stored in {@code fanout_events}.
 */
final class Envelope {
    /** NOTIFY refuses payloads of 8,000 bytes or more; the rest is headroom for the envelope itself. */
    static final int MAX_PAYLOAD_BYTES = 7_800;

    /** Room for events in one payload, leaving space for the node id and sequence number. */
    private static final int ROOM = MAX_PAYLOAD_BYTES - 200;

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Envelope() {}

    /** One call: {@code publish} (topic, destination, json), {@code close} (topic, reason) or {@code control} (kind, payload). */
    record Event(String type, String topic, String name, String body) {
        static Event publish(Topic topic, String destination, String json) {
            return new Event("publish", topic.name(), destination, json);
        }

        static Event close(Topic topic, String reason) {
            return new Event("close", topic.name(), null, reason);
        }

        static Event control(String kind, String payload) {
            return new Event("control", null, kind, payload);
        }
    }

    /** What one NOTIFY carries: events inline, or {@code ref}, the row of one large event. */
    record Notice(String node, long seq, List<Event> events, String ref) {}

    /** Events to send: the NOTIFY payloads, and the large events that go by id (the payloads name them). */
    record Outgoing(List<String> payloads, List<Stored> stored) {}

    record Stored(String id, String body) {}

    /** Packs events into as few payloads as fit, in their order; one too large goes by id, in its place. */
    static Outgoing pack(String node, LongSupplier seq, List<Event> events) {
        List<String> payloads = new ArrayList<>();
        List<Stored> stored = new ArrayList<>();
        List<Event> pending = new ArrayList<>();
        int pendingBytes = 0;
        for (Event event : events) {
            String json = write(event);
            int bytes = bytes(json);
            if (!pending.isEmpty() && (bytes > ROOM || pendingBytes + bytes > ROOM)) {
                payloads.add(write(new Notice(node, seq.getAsLong(), pending, null)));
                pending = new ArrayList<>();
                pendingBytes = 0;
            }
            if (bytes > ROOM) {
                String id = UUID.randomUUID().toString();
                stored.add(new Stored(id, json));
                payloads.add(write(new Notice(node, seq.getAsLong(), null, id)));
            } else {
                pending.add(event);
                pendingBytes += bytes + 1;
            }
        }
        if (!pending.isEmpty()) {
            payloads.add(write(new Notice(node, seq.getAsLong(), pending, null)));
        }
        return new Outgoing(payloads, stored);
    }

    static Notice readNotice(String payload) {
        return read(payload, Notice.class);
    }

    static Event readEvent(String body) {
        return read(body, Event.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable fan-out payload: " + e.getOriginalMessage(), e);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
