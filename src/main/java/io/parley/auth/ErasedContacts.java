package io.parley.auth;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The tombstones of erased contacts, read at every visitor token check. In the database, not in a
 * cache, so an erasure holds on every node from its commit on; the lookup is one primary-key read.
 */
public final class ErasedContacts {
    private final Jdbi jdbi;

    public ErasedContacts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public boolean isErased(UUID contactId) {
        return jdbi.withExtension(Dao.class, dao -> dao.isErased(contactId));
    }

    /** A small DAO callers attach to their own transaction when they erase. */
    public interface Dao {
        @SqlQuery("SELECT COUNT(*) FROM erased_contacts WHERE contact_id = :contactId")
        boolean isErased(UUID contactId);

        @SqlUpdate("""
                 INSERT INTO erased_contacts (contact_id, erased_at_ms) SELECT :contactId, :now
                 WHERE NOT EXISTS (SELECT 1 FROM erased_contacts WHERE contact_id = :contactId)""")
        void erase(UUID contactId, long now);
    }
}
