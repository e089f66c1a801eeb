package io.parley.media;

import io.parley.abuse.Limiter;
import io.parley.abuse.RateLimiter;
import io.parley.conversation.Attachment;
import io.parley.conversation.AttachmentResolver;
import io.parley.conversation.SenderRef;
import io.parley.conversation.SenderType;
import io.parley.errors.BadRequest;
import io.parley.errors.NotFound;
import io.parley.errors.TooManyRequests;
import io.parley.errors.UnsupportedMediaType;
import io.parley.privacy.ErasureHook;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Uploads (checked, stored, recorded), the sharing rules of a send, and serving. */
public final class MediaService implements AttachmentResolver {
    private final MediaDao dao;
    private final MediaStore store;
    private final MediaSettings settings;
    private final Clock clock;
    private final Limiter limiter;
    private final RateLimiter uploads;

    public MediaService(Jdbi jdbi, MediaStore store, MediaSettings settings, Clock clock, Limiter limiter) {
        this.dao = jdbi.onDemand(MediaDao.class);
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.limiter = limiter;
        int perMinute = settings.uploadsPerMinute();
        this.uploads = new RateLimiter(perMinute / 60.0, perMinute);
    }

    /**
     * Counted before the body is read, so every request counts, refused or not. {@code origin} is
     * where {@code media_url} points when PARLEY_PUBLIC_URL is unset (the request's scheme and host).
     */
    public UploadResponse upload(Uploader who, Upload request, String origin) {
        String key = who.limitKey();
        long retryAfter = key == null ? 0 : uploads.acquire(key);
        if (retryAfter > 0) {
            limiter.rejected();
            throw new TooManyRequests(
                    "too many uploads: at most " + settings.uploadsPerMinute() + " a minute, retry later", retryAfter);
        }
        Path temporary = store.newTemporaryFile();
        try {
            long deadline = System.nanoTime() + settings.uploadTimeout().toNanos();
            var received = MultipartUpload.read(
                    request.body(),
                    request.contentType(),
                    request.declaredLength(),
                    temporary,
                    settings.maxUploadBytes(),
                    deadline);
            if (received.size() == 0) {
                throw new BadRequest("the file is empty");
            }
            FileType type = FileType.detect(MediaStore.map(temporary));
            if (type == null) {
                throw new UnsupportedMediaType("this kind of file is not accepted: send a PNG, JPEG, GIF or WebP"
                        + " image, a PDF, or plain UTF-8 text");
            }
            String id = MediaStore.newId();
            Media media = record(id, who, FileNames.clean(received.name()), received.size(), type, urlOf(id, origin));
            store.keep(temporary, media.id());
            try {
                dao.insert(media);
            } catch (RuntimeException e) {
                store.delete(media.id());
                throw e;
            }
            return new UploadResponse(media.url(), media.name(), media.sizeBytes(), type.contentType());
        } finally {
            MediaStore.delete(temporary);
        }
    }

    private Media record(String id, Uploader who, String name, long size, FileType type, String url) {
        return new Media(
                id,
                who.kind(),
                who.conversationId(),
                who.contactId(),
                who.operatorId(),
                name,
                size,
                type.contentType(),
                url,
                clock.millis(),
                null,
                null);
    }

    String urlOf(String id, String origin) {
        return (settings.publicUrl() != null ? settings.publicUrl() : origin) + MediaUrls.PATH + id;
    }

    /** The file to serve; 404 for an unknown id and for a token-less upload nobody has sent yet. */
    public Served open(String id) {
        Media media = MediaStore.isWellFormedId(id) ? dao.find(id).orElse(null) : null;
        if (media == null || !media.servable()) {
            throw new NotFound("no such file");
        }
        try {
            return new Served(media, store.open(id));
        } catch (java.nio.file.NoSuchFileException gone) {
            throw new NotFound("no such file");
        }
    }

    public record Served(Media media, InputStream content) {}

    /**
     * An upload request: its body, opened only once the checks before reading have passed (opening
     * it answers a client's "Expect: 100-continue"), its Content-Type and Content-Length (-1: not given).
     */
    public record Upload(Body body, String contentType, long declaredLength) {}

    @FunctionalInterface
    public interface Body {
        InputStream open() throws java.io.IOException;
    }

    /**
     * The sharing rule of a send with an attachment: a visitor may send its own uploads and token-less
     * ones nobody has sent elsewhere; an operator, token-less and operator uploads not sent in another
     * conversation, and a visitor's upload in that visitor's conversation. The URL must be the
     * {@code media_url} the upload returned (or its {@code /media/<id>} path), so a message never
     * points at another host. The first send marks the file sent there, which keeps it from the
     * 24-hour clean-up. Anything else is a 400.
     */
    @Override
    public Attachment resolve(String url, SenderRef who, UUID conversationId) {
        String id = MediaUrls.idOf(url, settings.publicUrl());
        Media media = id == null ? null : dao.find(id).orElse(null);
        boolean quoted = media != null && (url.equals(media.url()) || url.equals(MediaUrls.PATH + id));
        boolean byOperator = who.type() != SenderType.CONTACT;
        if (!quoted || dao.markSent(id, conversationId, byOperator, clock.millis()) != 1) {
            throw new BadRequest("field 'message.attachment.payload.url' must be the media_url of an upload"
                    + " you may send in this conversation");
        }
        FileType type = media.type();
        return new Attachment(
                type.attachmentType(),
                new Attachment.Payload(media.url(), media.name(), media.sizeBytes(), type.contentType()));
    }

    /** Files kept, for /metrics. */
    public long count() {
        return dao.count();
    }

    /**
     * Deletes uploads never sent that are older than 24 hours at {@code nowMs}, and temporary files of
     * uploads interrupted over two hours before (the upload time limit is at most one); returns how
     * many uploads were deleted.
     */
    public int deleteUnsent(long nowMs) {
        store.sweepTemporaryFiles(nowMs - Duration.ofHours(2).toMillis());
        long cutoff = nowMs - MediaCleanup.KEEP_UNSENT.toMillis();
        int deleted = 0;
        for (String id : dao.unsentBefore(cutoff, 500)) {
            if (dao.deleteUnsent(id, cutoff) == 1) {
                store.delete(id);
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * For erasing a contact or old conversations: their files' rows go in the erasing transaction,
     * the files themselves once it has committed.
     */
    public ErasureHook erasure() {
        return new ErasureHook() {
            @Override
            public void conversationsErased(Handle tx, Collection<UUID> conversationIds) {
                erase(tx, tx.attach(MediaDao.class).idsInConversations(conversationIds));
            }

            @Override
            public void contactErased(Handle tx, UUID contactId) {
                erase(tx, tx.attach(MediaDao.class).idsOfContact(contactId));
            }
        };
    }

    private void erase(Handle tx, List<String> ids) {
        if (!ids.isEmpty()) {
            tx.attach(MediaDao.class).deleteAll(ids);
            tx.afterCommit(() -> ids.forEach(store::delete));
        }
    }
}
