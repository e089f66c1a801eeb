package io.parley.auth;

import io.parley.fanout.Fanout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The tombstones of erased contacts, checked at every visitor token check. The answer "not
 * erased" is kept in memory for a few seconds per contact, because the lookup was the largest
 * single cost of a visitor's request after the message commit itself (docs/performance.md). An
 * erasure sends a control event through the fan-out once it has committed, which drops the entry
 * on this node before the erasing request returns and on the others as soon as it reaches them;
 * the short lifetime bounds the harm should the event be lost. "Erased" is never cached: it is
 * final, and rare.
 */
public final class ErasedContacts implements ErasureCheck {
    static final String ERASED = "contact.erased";
    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A bound for a burst of visitors within one lifetime: past it, everything is forgotten. */
    private static final int MAX_ENTRIES = 50_000;

    private final Jdbi jdbi;
    /** Contact hash → when it was last read as not erased. */
    private final Map<String, Long> notErased = new ConcurrentHashMap<>();
    /** Bumped by every erasure: a lookup that overlapped one does not store what it read. */
    private final AtomicLong generation = new AtomicLong();

    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    public ErasedContacts(Jdbi jdbi, Fanout fanout) {
        this.jdbi = jdbi;
        fanout.onControl(ERASED, new Fanout.ControlHandler() {
            @Override
            public void handle(String hash) {
                generation.incrementAndGet();
                notErased.remove(hash);
            }

            @Override
            public void missed() {
                generation.incrementAndGet();
                notErased.clear();
            }
        });
    }

    @Override
    public void created(UUID contactId) {
        remember(hash(contactId), System.nanoTime());
    }

    @Override
    public boolean isErased(UUID contactId) {
        String hash = hash(contactId);
        long now = System.nanoTime();
        Long loadedAt = notErased.get(hash);
        if (loadedAt != null && now - loadedAt < TTL_NANOS) {
            return false;
        }
        long before = generation.get();
        boolean erased = jdbi.withExtension(Dao.class, dao -> dao.isErased(hash));
        if (!erased && generation.get() == before) {
            remember(hash, now);
        }
        return erased;
    }

    /** Entries older than their lifetime are swept at most once per lifetime, so idle visitors cost nothing here. */
    private void remember(String hash, long now) {
        long last = lastSweep.get();
        if (now - last >= TTL_NANOS && lastSweep.compareAndSet(last, now)) {
            notErased.values().removeIf(loadedAt -> now - loadedAt >= TTL_NANOS);
        }
        if (notErased.size() >= MAX_ENTRIES) {
            notErased.clear();
        }
        notErased.put(hash, now);
    }

    /** Once the erasure has committed: every node forgets that the contact was not erased. */
    public static void announce(Fanout fanout, UUID contactId) {
        fanout.control(ERASED, hash(contactId));
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
