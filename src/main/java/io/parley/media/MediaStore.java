package io.parley.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The media folder: one file per upload, named by its id. Uploads are written to a hidden temporary
 * file first and renamed into place only once accepted, so a refused or broken upload leaves nothing.
 */
public final class MediaStore {
    /** 18 random bytes: 144 bits, 24 base64url characters. */
    private static final int ID_BYTES = 18;

    private final Path dir;

    private MediaStore(Path dir) {
        this.dir = dir;
    }

    /** @throws MediaDirUnusable when the folder cannot be created or written: the node must not start */
    public static MediaStore open(Path dir) {
        try {
            Files.createDirectories(dir);
            // a plain name, not createTempFile: that seeds a SecureRandom on the start-up path
            Path probe = dir.resolve(".write-check-" + ProcessHandle.current().pid() + ".tmp");
            Files.write(probe, new byte[0]);
            Files.delete(probe);
            return new MediaStore(dir);
        } catch (IOException | SecurityException e) {
            throw new MediaDirUnusable(dir, e);
        }
    }

    static String newId() {
        byte[] bytes = new byte[ID_BYTES];
        Random.INSTANCE.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Ids this store could have made: anything else is never looked up on disk. */
    static boolean isWellFormedId(String id) {
        return id != null && id.matches("[A-Za-z0-9_-]{22,64}");
    }

    Path newTemporaryFile() {
        return dir.resolve(".upload-" + newId() + ".tmp");
    }

    /** The whole file, mapped rather than read: checking a 10 MiB upload costs no heap. */
    static MappedByteBuffer map(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the upload", e);
        }
    }

    void keep(Path temporary, String id) {
        try {
            Files.move(temporary, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            move(temporary, id);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the upload", e);
        }
    }

    private void move(Path temporary, String id) {
        try {
            Files.move(temporary, dir.resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the upload", e);
        }
    }

    InputStream open(String id) throws NoSuchFileException {
        try {
            return Files.newInputStream(dir.resolve(id));
        } catch (NoSuchFileException gone) {
            throw gone;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + id, e);
        }
    }

    /**
     * Deletes temporary files last written before {@code cutoffMs}: what a node that died in the
     * middle of an upload left. An upload never takes longer than its time limit, so an old one is
     * nobody's, whichever node wrote it. Returns how many were deleted.
     */
    int sweepTemporaryFiles(long cutoffMs) {
        int deleted = 0;
        try (var files = Files.newDirectoryStream(dir, ".upload-*.tmp")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toMillis() < cutoffMs && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (NoSuchFileException raced) { // another node swept it first
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean the media folder", e);
        }
        return deleted;
    }

    /** Already gone is fine: another node's clean-up, or a retry, got there first. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + file.getFileName(), e);
        }
    }

    void delete(String id) {
        delete(dir.resolve(id));
    }

    /** Made on the first upload, not while the server starts. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /** Not writable at start: the one line the person starting Parley reads. */
    public static final class MediaDirUnusable extends RuntimeException {
        MediaDirUnusable(Path dir, Exception cause) {
            super(
                    "cannot write to the media folder " + dir.toAbsolutePath().normalize() + " ("
                            + cause.getClass().getSimpleName()
                            + "): make it writable for this user or set PARLEY_MEDIA_DIR",
                    cause);
        }
    }
}
