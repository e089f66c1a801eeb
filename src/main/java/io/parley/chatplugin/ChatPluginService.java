package io.parley.chatplugin;

import io.parley.abuse.Limiter;
import io.parley.auth.Tokens;
import io.parley.auth.VisitorClaims;
import io.parley.channel.Channel;
import io.parley.channel.ChannelService;
import io.parley.contact.Contact;
import io.parley.contact.ContactService;
import io.parley.contact.UpdateContactRequest;
import io.parley.conversation.ConversationContext;
import io.parley.conversation.ConversationService;
import io.parley.conversation.Draft;
import io.parley.conversation.Message;
import io.parley.conversation.MessageService;
import io.parley.db.Retry;
import io.parley.errors.NotFound;
import io.parley.errors.Unauthorized;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Starting, resuming and writing in a visitor's conversation. */
public final class ChatPluginService {
    private final Tokens tokens;
    private final ChannelService channels;
    private final MessageService messages;
    private final ConversationService conversations;
    private final Limiter limiter;
    private final Jdbi jdbi;
    private final Clock clock;
    private final ContactService contacts;
    private final OnlineOperators online;

    public ChatPluginService(
            Tokens tokens,
            ChannelService channels,
            ConversationService conversations,
            MessageService messages,
            Jdbi jdbi,
            Limiter limiter,
            Clock clock,
            ContactService contacts,
            OnlineOperators online) {
        this.contacts = contacts;
        this.online = online;
        this.limiter = limiter;
        this.jdbi = jdbi;
        this.clock = clock;
        this.tokens = tokens;
        this.channels = channels;
        this.messages = messages;
        this.conversations = conversations;
    }

    /** A new conversation id is chosen here; the row appears with the visitor's first message. */
    public AuthenticateResponse startConversation(UUID channelId, Caller caller) {
        Channel channel = visitable(channelId, caller);
        requireNoIdentity(channel);
        limiter.newConversation(caller.address());
        var visitor = new VisitorClaims(channelId, UUID.randomUUID(), UUID.randomUUID());
        tokens.contactCreated(visitor.contactId());
        conversations.recordFirstContext(visitor.conversationId(), caller.context());
        return new AuthenticateResponse(tokens.issue(Tokens.Kind.VISITOR, visitor), List.of(), null);
    }

    /** A user the website vouches for gets the same conversation on every device. */
    public AuthenticateResponse verifiedConversation(UUID channelId, String userId, String userHash, Caller caller) {
        Channel channel = visitable(channelId, caller);
        IdentityVerification.check(channel, userId, userHash);
        VerifiedContactDao.VerifiedContact contact = Retry.onceOnConflict(() -> jdbi.inTransaction(handle -> {
            VerifiedContactDao dao = handle.attach(VerifiedContactDao.class);
            return dao.find(channelId, userId).orElseGet(() -> {
                limiter.newConversation(caller.address());
                var created = new VerifiedContactDao.VerifiedContact(UUID.randomUUID(), UUID.randomUUID());
                dao.insert(channelId, userId, created.conversationId(), created.contactId(), clock.millis());
                return created;
            });
        }));
        return authenticated(
                channel, new VisitorClaims(channelId, contact.conversationId(), contact.contactId()), caller);
    }

    public AuthenticateResponse resumeConversation(String resumeToken, UUID channelId, Caller caller) {
        VisitorClaims visitor = tokens.verify(Tokens.Kind.RESUME, resumeToken);
        if (channelId != null && !channelId.equals(visitor.channelId())) {
            throw new Unauthorized("resume token belongs to another channel");
        }
        Channel channel = visitable(visitor.channelId(), caller);
        requireNoIdentity(channel);
        if (tokens.isErased(visitor.contactId())) { // erased: a fresh, empty conversation, as a new visitor
            limiter.newConversation(caller.address());
            var fresh = new VisitorClaims(visitor.channelId(), UUID.randomUUID(), UUID.randomUUID());
            tokens.contactCreated(fresh.contactId());
            return authenticated(channel, fresh, caller);
        }
        return authenticated(channel, visitor, caller);
    }

    private AuthenticateResponse authenticated(Channel channel, VisitorClaims visitor, Caller caller) {
        conversations.recordContext(visitor.conversationId(), caller.context());
        List<Object> history = messages.history(visitor.conversationId()).stream()
                .map(m -> messages.views().forVisitor(m, channel.contentFormat()))
                .toList();
        String read = conversations.operatorLastReadAt(
                visitor.conversationId(), channel.widget().readReceipts());
        return new AuthenticateResponse(tokens.issue(Tokens.Kind.VISITOR, visitor), history, read);
    }

    private Channel visitable(UUID channelId, Caller caller) {
        return channels.visitable(channelId, caller.origin());
    }

    /** A channel that requires identity verification takes only user_id and user_hash. */
    private static void requireNoIdentity(Channel channel) {
        if (channel.identityRequired()) {
            throw new Unauthorized("this channel requires identity verification: send user_id and user_hash");
        }
    }

    public String resumeTokenFor(VisitorClaims visitor) {
        return tokens.issue(Tokens.Kind.RESUME, visitor);
    }

    /** For an operator acting on a visitor's behalf: only a conversation that exists in that channel. */
    public String resumeTokenFor(UUID channelId, UUID conversationId) {
        var owner = conversations.owner(conversationId);
        if (!owner.channelId().equals(channelId)) {
            throw new NotFound("conversation not found in this channel");
        }
        return tokens.issue(Tokens.Kind.RESUME, new VisitorClaims(channelId, conversationId, owner.contactId()));
    }

    /** The stored message (or the first one with the same client id) in the channel's content format. */
    public Object send(VisitorClaims visitor, Draft draft, Caller caller) {
        Channel channel = visitable(visitor.channelId(), caller);
        limiter.message(visitor.contactId().toString());
        Message message = messages.sendFromContact(visitor, draft);
        return messages.views().forVisitor(message, channel.contentFormat());
    }

    /** The widget's settings and whether anyone answers now: public, for the launcher before any token. */
    public ConfigResponse config(UUID channelId, Caller caller) {
        Channel channel = visitable(channelId, caller);
        return WidgetConfig.of(channel.widget(), clock.instant(), online.anyPersonOnline());
    }

    public Contact updateContact(VisitorClaims visitor, UpdateContactRequest request, Caller caller) {
        visitable(visitor.channelId(), caller);
        limiter.message(visitor.contactId().toString());
        return contacts.update(visitor.contactId(), request);
    }

    public void read(VisitorClaims visitor, Caller caller) {
        visitable(visitor.channelId(), caller);
        conversations.markReadByContact(visitor);
    }

    /**
     * Where a visitor's request came from: the Origin header (null outside browsers), the IP
     * address, and on authentication where the visitor is (null elsewhere).
     */
    public record Caller(String origin, String address, ConversationContext context) {
        public Caller(String origin, String address) {
            this(origin, address, null);
        }
    }
}
