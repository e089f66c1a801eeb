package io.parley.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
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
        return jdbi.withExtension(Dao.class, dao -> dao.isErased(hash(contactId)));
    }

    /** Records the erasure in the caller's transaction. */
    public static void erase(Handle tx, UUID contactId, long now) {
        tx.attach(Dao.class).erase(hash(contactId), now);
    }

    /** The stored form: even the random id does not outlive the erasure in clear. */
    static String hash(UUID contactId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(contactId.toString().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    interface Dao {
        @SqlQuery("SELECT COUNT(*) FROM erased_contacts WHERE contact_hash = :hash")
        boolean isErased(String hash);

        @SqlUpdate("""
                 INSERT INTO erased_contacts (contact_hash, erased_at_ms) SELECT :hash, :now
                 WHERE NOT EXISTS (SELECT 1 FROM erased_contacts WHERE contact_hash = :hash)""")
        void erase(String hash, long now);
    }
}
