package io.parley.channel;

import io.parley.auth.Secrets;
import io.parley.db.Retry;
import io.parley.errors.BadRequest;
import io.parley.errors.NotFound;
import io.parley.fanout.Fanout;
import io.parley.fanout.Topic;
import io.parley.json.Json;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

public final class ChannelService {
    public static final String DEFAULT_NAME = "Chat plugin";
    public static final String CONNECTED_DESTINATION = "/queue/channel/connected";
    public static final String DISCONNECTED_DESTINATION = "/queue/channel/disconnected";
    /** A control event naming a channel that changed: every node drops it from its cache. */
    static final String CHANGED = "channel.changed";

    private final ChannelDao dao;
    private final Jdbi jdbi;
    private final Fanout fanout;
    private final Clock clock;
    private final ChannelCache cache = new ChannelCache();

    private final String serverOrigin;

    public ChannelService(Jdbi jdbi, Fanout fanout, Clock clock) {
        this(jdbi, fanout, clock, null);
    }

    /**
     * {@code serverOrigin}: the origin of {@code PARLEY_PUBLIC_URL}, or null. Parley's own pages there
     * (the follow-up email's conversation page) may open any channel's widget, whatever its allowed origins.
     */
    public ChannelService(Jdbi jdbi, Fanout fanout, Clock clock, String serverOrigin) {
        this.serverOrigin = serverOrigin;
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(ChannelDao.class);
        this.fanout = fanout;
        this.clock = clock;
        fanout.onControl(CHANGED, new Fanout.ControlHandler() {
            @Override
            public void handle(String channelId) {
                cache.invalidate(UUID.fromString(channelId));
            }

            @Override
            public void missed() {
                cache.clear();
            }
        });
    }

    public record Connected(Channel channel, boolean created) {}

    public Connected connect(ConnectChannelRequest request) {
        if (!Channel.SOURCE.equals(request.source())) {
            throw new BadRequest("field 'source' must be \"chat_plugin\"");
        }
        String name = request.name() == null ? null : validName(request.name());
        String imageUrl = request.imageUrl() == null ? null : validImageUrl(request.imageUrl());
        String sourceId = request.sourceChannelId() == null
                ? UUID.randomUUID().toString()
                : validSourceId(request.sourceChannelId());
        ContentFormat format = ContentFormat.parse(request.contentFormat());
        Upsert upsert = Retry.onceOnConflict(() -> upsert(sourceId, name, imageUrl, format, request.autoAssign()));
        changed(upsert.channel().id());
        if (upsert.connectedNow()) {
            fanout.publish(Topic.OPERATORS, CONNECTED_DESTINATION, Json.write(upsert.channel()));
        }
        return new Connected(upsert.channel(), upsert.created());
    }

    private record Upsert(Channel channel, boolean created, boolean connectedNow) {}

    private Upsert upsert(String sourceId, String name, String imageUrl, ContentFormat format, Boolean autoAssign) {
        return jdbi.inTransaction(handle -> {
            ChannelDao tx = handle.attach(ChannelDao.class);
            var existing = tx.findBySourceId(sourceId);
            if (existing.isPresent()) {
                Channel old = existing.get();
                Channel updated = old.withDetails(name, imageUrl)
                        .withConnected(true)
                        .withAutoAssign(autoAssign)
                        .withContentFormat(format);
                tx.update(updated);
                return new Upsert(updated, false, !old.connected());
            }
            Channel created = new Channel(
                    UUID.randomUUID(),
                    name != null ? name : DEFAULT_NAME,
                    sourceId,
                    imageUrl,
                    List.of(),
                    true,
                    Secrets.random(32),
                    false,
                    Widget.DEFAULT,
                    format != null ? format : ContentFormat.TEXT,
                    clock.millis(),
                    Boolean.TRUE.equals(autoAssign));
            tx.insert(created);
            return new Upsert(created, true, true);
        });
    }

    public List<Channel> listConnected() {
        return dao.listConnected();
    }

    public Channel info(UUID id) {
        return cache.get(id, dao::find).orElseThrow(() -> new NotFound("channel not found"));
    }

    /**
     * The one check that a visitor may use a channel: 404 when it is unknown or disconnected, 403
     * when {@code origin} (the caller's Origin header, null outside browsers) is not allowed.
     */
    public Channel visitable(UUID id, String origin) {
        Channel channel = cache.get(id, dao::find)
                .filter(Channel::connected)
                .orElseThrow(() -> new NotFound("channel not found"));
        if (serverOrigin == null || !serverOrigin.equals(origin)) {
            Origins.require(channel, origin);
        }
        return channel;
    }

    public Channel update(UpdateChannelRequest request, UUID id) {
        String name = request.name() == null ? null : validName(request.name());
        String imageUrl = request.imageUrl() == null ? null : validImageUrl(request.imageUrl());
        List<String> origins = request.allowedOrigins() == null ? null : Origins.validate(request.allowedOrigins());
        ContentFormat format = ContentFormat.parse(request.contentFormat());
        Channel channel = jdbi.inTransaction(handle -> {
            ChannelDao tx = handle.attach(ChannelDao.class);
            Channel updated = tx.find(id)
                    .orElseThrow(() -> new NotFound("channel not found"))
                    .withDetails(name, imageUrl)
                    .withAutoAssign(request.autoAssign())
                    .withContentFormat(format);
            if (origins != null) {
                updated = updated.withAllowedOrigins(origins);
            }
            if (request.widget() != null) {
                updated = updated.withWidget(WidgetSettings.merge(updated.widget(), request.widget()));
            }
            if (request.identityRequired() != null) {
                updated = updated.withIdentityRequired(request.identityRequired(), Secrets.random(32));
            }
            tx.update(updated);
            return updated;
        });
        changed(id);
        return channel;
    }

    public void disconnect(UUID id) {
        Channel channel = jdbi.inTransaction(handle -> {
            ChannelDao tx = handle.attach(ChannelDao.class);
            Channel old = tx.find(id).orElseThrow(() -> new BadRequest("channel not found"));
            Channel disconnected = old.withConnected(false);
            tx.update(disconnected);
            return old.connected() ? disconnected : null;
        });
        changed(id);
        if (channel != null) {
            fanout.closeAll(Topic.channel(id), "channel disconnected");
            fanout.publish(Topic.OPERATORS, DISCONNECTED_DESTINATION, Json.write(channel));
        }
    }

    /** Call after the change has committed: this node's cache at once, the other nodes' within moments. */
    private void changed(UUID id) {
        fanout.control(CHANGED, id.toString());
    }

    /** The demo page needs a channel to show; a fresh installation gets one called "Demo". */
    public Channel firstConnectedOrDemo() {
        List<Channel> channels = dao.listConnected();
        if (!channels.isEmpty()) {
            return channels.get(0);
        }
        return connect(new ConnectChannelRequest(Channel.SOURCE, "demo", "Demo", null, null, null, null))
                .channel();
    }

    private static String validName(String name) {
        if (name.isBlank() || name.length() > 255) {
            throw new BadRequest("field 'name' must be 1 to 255 characters");
        }
        return name.strip();
    }

    private static String validSourceId(String sourceId) {
        if (sourceId.isBlank() || sourceId.length() > 255) {
            throw new BadRequest("field 'source_channel_id' must be 1 to 255 characters");
        }
        return sourceId;
    }

    private static String validImageUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (url.length() <= 2048
                    && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                    && uri.getHost() != null) {
                return url;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        throw new BadRequest("field 'image_url' must be an http(s) URL");
    }
}
