package io.parley.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.auth.Secrets;
import io.parley.db.Retry;
import io.parley.errors.NotFound;
import io.parley.json.Json;
import io.parley.json.Times;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's one webhook. Subscribing again changes url and headers and keeps the secret;
 * unsubscribing drops undelivered events, and the next subscribe generates a new secret.
 */
public final class WebhookService {
    static final int RECENT_ERRORS = 10;
    private static final int SECRET_BYTES = 32;

    private final Jdbi jdbi;
    private final WebhookDao dao;
    private final Clock clock;
    private final Runnable wakeDispatcher;

    public WebhookService(Jdbi jdbi, Clock clock, Runnable wakeDispatcher) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(WebhookDao.class);
        this.clock = clock;
        this.wakeDispatcher = wakeDispatcher;
    }

    public SubscriptionResponse subscribe(SubscribeRequest request) {
        String url = WebhookTargets.url(request.url());
        String headers = Json.write(WebhookTargets.headers(request.headers()));
        Webhook webhook = Retry.onceOnConflict(() -> jdbi.inTransaction(handle -> {
            WebhookDao tx = handle.attach(WebhookDao.class);
            Optional<Webhook> old = tx.findForUpdate();
            String secret = old.filter(Webhook::subscribed)
                    .map(Webhook::apiSecret)
                    .orElseGet(() -> Secrets.random(SECRET_BYTES));
            if (old.isPresent()) {
                tx.update(url, headers, secret, true, clock.millis());
            } else {
                tx.insert(url, headers, secret, true, clock.millis());
            }
            return new Webhook(url, headers, secret, true);
        }));
        wakeDispatcher.run(); // events that were waiting may go to the new url now
        return subscription(webhook);
    }

    public SubscriptionResponse unsubscribe() {
        Webhook webhook = jdbi.inTransaction(handle -> {
            WebhookDao tx = handle.attach(WebhookDao.class);
            Webhook old = tx.findForUpdate().orElseThrow(() -> new NotFound("no webhook is subscribed"));
            tx.update(old.url(), old.headers(), old.apiSecret(), false, clock.millis());
            tx.deleteAllEvents();
            return new Webhook(old.url(), old.headers(), old.apiSecret(), false);
        });
        return subscription(webhook);
    }

    public WebhookInfoResponse info() {
        Optional<Webhook> webhook = dao.find();
        var errors = dao.recentErrors(RECENT_ERRORS).stream()
                .map(e -> new WebhookInfoResponse.DeliveryError(
                        e.eventId(),
                        e.conversationId(),
                        e.status(),
                        e.attempts(),
                        e.lastError(),
                        Times.iso(e.updatedAtMs())))
                .toList();
        var delivery = new WebhookInfoResponse.Delivery(pendingCount(), failedCount(), errors);
        return new WebhookInfoResponse(
                webhook.map(WebhookService::status).orElse(SubscriptionResponse.UNSUBSCRIBED),
                webhook.map(Webhook::url).orElse(null),
                webhook.map(w -> parseHeaders(w.headers())).orElse(Map.of()),
                delivery);
    }

    public long pendingCount() {
        return dao.count(WebhookDao.PENDING);
    }

    public long failedCount() {
        return dao.count(WebhookDao.FAILED);
    }

    static Map<String, String> parseHeaders(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored webhook headers are not a JSON object", e);
        }
    }

    private static SubscriptionResponse subscription(Webhook webhook) {
        return new SubscriptionResponse(
                webhook.url(), parseHeaders(webhook.headers()), status(webhook), webhook.apiSecret());
    }

    private static String status(Webhook webhook) {
        return webhook.subscribed() ? SubscriptionResponse.SUBSCRIBED : SubscriptionResponse.UNSUBSCRIBED;
    }
}
