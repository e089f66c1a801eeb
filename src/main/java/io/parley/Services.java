package io.parley;

import io.parley.abuse.Limiter;
import io.parley.abuse.Limits;
import io.parley.auth.Tokens;
import io.parley.canned.CannedResponseService;
import io.parley.channel.ChannelService;
import io.parley.chatplugin.ChatPluginService;
import io.parley.chatplugin.OnlineOperators;
import io.parley.chatplugin.VisitorSockets;
import io.parley.contact.ContactService;
import io.parley.conversation.ConversationService;
import io.parley.conversation.InboxService;
import io.parley.conversation.MessageService;
import io.parley.conversation.MessageViews;
import io.parley.conversation.OperatorSockets;
import io.parley.conversation.Typing;
import io.parley.email.EmailJobs;
import io.parley.email.EmailOutbox;
import io.parley.email.EmailSender;
import io.parley.email.EmailSettings;
import io.parley.email.OperatorEmails;
import io.parley.email.VisitorEmails;
import io.parley.fanout.Fanout;
import io.parley.media.MediaCleanup;
import io.parley.media.MediaService;
import io.parley.media.MediaSettings;
import io.parley.media.MediaStore;
import io.parley.metrics.Metrics;
import io.parley.operator.Operator;
import io.parley.operator.Operators;
import io.parley.operator.Presence;
import io.parley.privacy.PrivacyService;
import io.parley.privacy.RetentionJob;
import io.parley.stomp.SocketLimits;
import io.parley.stomp.StompEndpoint;
import io.parley.webhook.WebhookDispatcher;
import io.parley.webhook.WebhookOutbox;
import io.parley.webhook.WebhookService;
import io.parley.webhook.WebhookSettings;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/** The object graph: every service built once, in dependency order. */
public record Services(
        Tokens tokens,
        Fanout fanout,
        Operators operators,
        ChannelService channels,
        MessageService messages,
        ConversationService conversations,
        InboxService inbox,
        Typing typing,
        ContactService contacts,
        CannedResponseService canned,
        ChatPluginService chatPlugin,
        StompEndpoint visitorSockets,
        StompEndpoint operatorSockets,
        SocketLimits socketLimits,
        Limiter limiter,
        Metrics metrics,
        WebhookService webhooks,
        WebhookDispatcher webhookDispatcher,
        EmailOutbox emailOutbox,
        EmailSender emailSender,
        VisitorEmails visitorEmails,
        EmailJobs emailJobs,
        PrivacyService privacy,
        RetentionJob retention,
        MediaService media,
        MediaCleanup mediaCleanup,
        Health health)
        implements AutoCloseable {

    static Services create(Jdbi jdbi, Tokens tokens, Fanout fanout, Clock clock, Config config, MediaStore mediaStore) {
        Limits limits = config.limits();
        WebhookSettings webhookSettings = config.webhooks();
        MediaSettings mediaSettings = config.media();
        Limiter limiter = new Limiter(limits);
        SocketLimits socketLimits =
                new SocketLimits(limits.socketsPerVisitor(), limits.socketsPerIp(), limits.socketsTotal());
        EmailSettings email = config.email();
        ChannelService channels = new ChannelService(jdbi, fanout, clock, email.serverOrigin());
        Operators operators = Operators.create(jdbi, fanout, clock);
        Metrics metrics = new Metrics();
        WebhookDispatcher webhookDispatcher = new WebhookDispatcher(jdbi, webhookSettings, clock);
        var emailSender = new EmailSender(jdbi, email, clock);
        var emailOutbox = new EmailOutbox(email, clock, emailSender::wake);
        var visitorEmails = new VisitorEmails(jdbi, emailOutbox, tokens, clock);
        var operatorEmails = new OperatorEmails(
                jdbi, emailOutbox, operators.notificationRecipients(jdbi), clock, OperatorEmails.DELAY);
        var emailJobs = new EmailJobs(email, List.of(visitorEmails::sendDue, operatorEmails::sendDue));
        var media = new MediaService(jdbi, mediaStore, mediaSettings, clock, limiter);
        // seams: the team inbox names its operators and bots; media plugs in its uploads
        var views = new MessageViews(operators.senders());
        ConversationService conversations = new ConversationService(jdbi, fanout, clock, channels, views);
        InboxService inbox = new InboxService(jdbi, conversations, operators.assignees(), fanout, clock);
        MessageService messages = new MessageService(
                jdbi,
                channels,
                fanout,
                clock,
                metrics,
                new WebhookOutbox(clock, webhookDispatcher::wake)
                        .andThen(visitorEmails)
                        .andThen(operatorEmails),
                new MessageService.Parts(views, media),
                inbox);
        Typing typing = new Typing(
                fanout,
                clock,
                conversations,
                id -> operators.operators().findOptional(id).map(Operator::name).orElse(null));
        ContactService contacts = new ContactService(jdbi, clock, conversations::contactChanged);
        ChatPluginService chatPlugin = new ChatPluginService(
                tokens,
                channels,
                conversations,
                messages,
                jdbi,
                limiter,
                clock,
                contacts,
                OnlineOperators.cached(operators.presence()::anyPersonOnline, 1_000));
        var visitorSockets =
                new StompEndpoint(VisitorSockets.policy(tokens, channels, typing, conversations), fanout, socketLimits);
        var operatorSockets = new StompEndpoint(
                OperatorSockets.policy(
                        tokens,
                        operators.tokens(),
                        operators.presence()::opened,
                        Set.of(Presence.DESTINATION, InboxService.UPDATED_DESTINATION),
                        typing),
                fanout,
                socketLimits);
        metrics.register("parley_visitor_sockets", "Open visitor WebSockets", "gauge", visitorSockets::openConnections);
        metrics.register(
                "parley_operator_sockets", "Open operator WebSockets", "gauge", operatorSockets::openConnections);
        metrics.register(
                "parley_rate_limit_rejections_total",
                "Requests and sockets refused by abuse limits",
                "counter",
                limiter::rejections);
        var webhooks = new WebhookService(jdbi, clock, webhookDispatcher::wake);
        metrics.register(
                "parley_webhook_pending_events", "Webhook events not yet delivered", "gauge", webhooks::pendingCount);
        metrics.register(
                "parley_webhook_failed_events",
                "Webhook events given up on after the bounded attempts",
                "gauge",
                webhooks::failedCount);
        metrics.register("parley_media_files", "Uploaded files kept in the media folder", "gauge", media::count);
        metrics.register("parley_email_pending", "Emails queued and not yet sent", "gauge", emailSender::pendingCount);
        metrics.register(
                "parley_email_failed",
                "Emails given up on after the bounded attempts (kept a week)",
                "gauge",
                emailSender::failedCount);
        var privacy = new PrivacyService(jdbi, clock, List.of(media.erasure()));
        var retention = new RetentionJob(privacy, config.retention(), clock);
        return new Services(
                tokens,
                fanout,
                operators,
                channels,
                messages,
                conversations,
                inbox,
                typing,
                contacts,
                new CannedResponseService(jdbi, clock),
                chatPlugin,
                visitorSockets,
                operatorSockets,
                socketLimits,
                limiter,
                metrics,
                webhooks,
                webhookDispatcher,
                emailOutbox,
                emailSender,
                visitorEmails,
                emailJobs,
                privacy,
                retention,
                media,
                new MediaCleanup(media, clock),
                new Health(jdbi, fanout));
    }

    /**
     * Background work that needs the schema: listening to the other nodes, webhook delivery
     * (events left from the last run included).
     */
    void start() {
        fanout.start();
        webhookDispatcher.start();
        emailSender.start();
        emailJobs.start();
        retention.start();
        operators.presence().start();
        mediaCleanup.start();
        inbox.start();
    }

    /** Tells every socket why it is closed, and gives the clients up to two seconds to hear it. */
    void closeSockets(String reason) {
        visitorSockets.closeAll(reason);
        operatorSockets.closeAll(reason);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        visitorSockets.awaitClosed(deadline);
        operatorSockets.awaitClosed(deadline);
    }

    @Override
    public void close() {
        messages.close();
        inbox.close();
        operators.close();
        fanout.close(); // after the last writes, whose events it still sends to the other nodes
        webhookDispatcher.close();
        emailJobs.close();
        emailSender.close();
        retention.close();
        mediaCleanup.close();
        visitorSockets.close();
        operatorSockets.close();
    }
}
