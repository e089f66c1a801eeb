package io.parley.privacy;

import io.parley.auth.ErasedContacts;
import io.parley.errors.NotFound;
import io.parley.fanout.Fanout;
import io.parley.fanout.Topic;
import io.parley.json.Times;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Export and erasure of a contact, and of old conversations. Erasing deletes a contact's
 * conversations, messages, queued webhook events and emails, identity rows, and (through the
 * {@link ErasureHook}s) what other features keep, such as uploaded files, in one transaction; then
 * a tombstone makes every node refuse the contact's visitor tokens.
 */
public final class PrivacyService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final List<ErasureHook> hooks;
    private final Fanout fanout;

    public PrivacyService(Jdbi jdbi, Clock clock, List<ErasureHook> hooks, Fanout fanout) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.hooks = hooks;
        this.fanout = fanout;
    }

    public ContactExport export(UUID contactId) {
        return jdbi.inTransaction(tx -> {
            PrivacyDao dao = tx.attach(PrivacyDao.class);
            var contact = dao.contact(contactId);
            var conversations = dao.conversationsOf(contactId);
            var identities = dao.identitiesOf(contactId);
            var emails = dao.emailsOf(contactId);
            if (contact.isEmpty() && conversations.isEmpty() && identities.isEmpty() && emails.isEmpty()) {
                throw new NotFound("contact not found");
            }
            List<UUID> ids = ids(conversations);
            Map<UUID, List<PrivacyDao.MessageRow>> messages = ids.isEmpty()
                    ? Map.of()
                    : dao.messagesIn(ids).stream()
                            .collect(Collectors.groupingBy(PrivacyDao.MessageRow::conversationId));
            Map<UUID, PrivacyDao.ContextRow> contexts = ids.isEmpty()
                    ? Map.of()
                    : dao.contextsOf(ids).stream()
                            .collect(Collectors.toMap(PrivacyDao.ContextRow::conversationId, c -> c));
            return new ContactExport(
                    contactId.toString(),
                    Times.iso(clock.millis()),
                    contact.map(ExportShapes::contact).orElse(null),
                    conversations.stream()
                            .map(c -> ExportShapes.conversation(
                                    c, contexts.get(c.id()), messages.getOrDefault(c.id(), List.of())))
                            .toList(),
                    identities.stream().map(ExportShapes::identity).toList(),
                    emails.stream().map(ExportShapes::email).toList());
        });
    }

    /** Erases the contact everywhere; 404 when nothing is stored about it. */
    public void erase(UUID contactId) {
        List<UUID> erased = jdbi.inTransaction(tx -> {
            PrivacyDao dao = tx.attach(PrivacyDao.class);
            List<UUID> conversations = ids(dao.conversationsOf(contactId));
            boolean known = dao.contact(contactId).isPresent()
                    || !conversations.isEmpty()
                    || !dao.identitiesOf(contactId).isEmpty()
                    || !dao.emailsOf(contactId).isEmpty();
            if (!known) {
                return null;
            }
            eraseConversations(tx, conversations);
            eraseContact(tx, contactId);
            return conversations;
        });
        if (erased == null) {
            throw new NotFound("contact not found");
        }
        closeSockets(erased);
    }

    /** The erased visitor's open tabs, on every node, are told and closed: their tokens no longer work. */
    private void closeSockets(List<UUID> conversations) {
        for (UUID conversation : conversations) {
            fanout.closeAll(Topic.conversation(conversation), "this conversation was erased");
        }
    }

    /**
     * One batch of retention: conversations idle since before {@code before}, at most
     * {@code limit}, locked so that another node's run skips them. Answers how many were erased.
     */
    int eraseIdleBefore(long before, int limit) {
        return jdbi.inTransaction(tx -> {
            PrivacyDao dao = tx.attach(PrivacyDao.class);
            List<PrivacyDao.Stale> stale = dao.staleConversations(before, limit);
            if (stale.isEmpty()) {
                return 0;
            }
            List<UUID> erased = stale.stream().map(PrivacyDao.Stale::id).toList();
            eraseConversations(tx, erased);
            tx.afterCommit(() -> closeSockets(erased));
            for (UUID contactId :
                    stale.stream().map(PrivacyDao.Stale::contactId).distinct().toList()) {
                if (dao.conversationCount(contactId) == 0) {
                    eraseContact(tx, contactId);
                }
            }
            return stale.size();
        });
    }

    private void eraseConversations(Handle tx, Collection<UUID> conversations) {
        if (conversations.isEmpty()) {
            return;
        }
        PrivacyDao dao = tx.attach(PrivacyDao.class);
        for (ErasureHook hook : hooks) {
            hook.conversationsErased(tx, conversations);
        }
        dao.deleteEmailsAbout(conversations);
        dao.deleteContexts(conversations);
        dao.deleteWebhookEvents(conversations);
        dao.deleteMessages(conversations);
        dao.deleteIdentitiesOf(conversations);
        dao.deleteConversations(conversations);
    }

    private void eraseContact(Handle tx, UUID contactId) {
        for (ErasureHook hook : hooks) {
            hook.contactErased(tx, contactId);
        }
        PrivacyDao dao = tx.attach(PrivacyDao.class);
        dao.deleteEmailsTo(contactId);
        dao.deleteIdentities(contactId);
        dao.deleteContact(contactId);
        ErasedContacts.erase(tx, contactId, clock.millis());
        tx.afterCommit(() -> ErasedContacts.announce(fanout, contactId));
    }

    private static List<UUID> ids(List<PrivacyDao.ConversationRow> rows) {
        return rows.stream().map(PrivacyDao.ConversationRow::id).toList();
    }
}
