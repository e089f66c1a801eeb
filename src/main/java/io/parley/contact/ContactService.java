package io.parley.contact;

import io.parley.db.Retry;
import io.parley.errors.NotFound;
import io.parley.json.Json;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/** Contact details: read by operators, written by the visitor itself or by operators. */
public final class ContactService {
    private final Jdbi jdbi;
    private final Clock clock;
    /** Told the contact id after a committed change, so its conversations can be re-announced. */
    private final Consumer<UUID> changed;

    public ContactService(Jdbi jdbi, Clock clock, Consumer<UUID> changed) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.changed = changed;
    }

    /** 404 for an id that is neither a stored contact nor the contact of a stored conversation. */
    public Contact info(UUID id) {
        return jdbi.withExtension(
                ContactDao.class,
                dao -> dao.find(id).map(ContactDao.Row::contact).orElseGet(() -> {
                    if (dao.conversationCount(id) == 0) {
                        throw new NotFound("contact not found");
                    }
                    return Contact.empty(id);
                }));
    }

    /** An operator's update: only a contact that exists. */
    public Contact updateExisting(UUID id, UpdateContactRequest request) {
        info(id);
        return update(id, request);
    }

    /** The visitor's own update: its contact id comes from its token, so it always exists. */
    public Contact update(UUID id, UpdateContactRequest request) {
        Contact updated = Retry.onceOnConflict(() -> jdbi.inTransaction(handle -> {
            ContactDao dao = handle.attach(ContactDao.class);
            var old = dao.find(id);
            Contact merged =
                    ContactFields.merge(old.map(ContactDao.Row::contact).orElse(Contact.empty(id)), request);
            String attributes = Json.write(merged.attributes());
            long now = clock.millis();
            if (old.isPresent()) {
                dao.update(id, merged.displayName(), merged.email(), attributes, now);
            } else {
                dao.insert(id, merged.displayName(), merged.email(), attributes, now);
            }
            return merged;
        }));
        changed.accept(id);
        return updated;
    }
}
