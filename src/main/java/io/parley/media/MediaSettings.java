package io.parley.media;

import io.parley.config.Env;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where uploads are kept and how large and slow they may be. {@code publicUrl} (PARLEY_PUBLIC_URL,
 * e.g. {@code https://chat.example.com}) makes every {@code media_url} start with it; without it a
 * {@code media_url} starts with the scheme and host the upload request was sent to.
 */
public record MediaSettings(
        Path dir, long maxUploadBytes, Duration uploadTimeout, int uploadsPerMinute, String publicUrl) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
    public static final Duration DEFAULT_UPLOAD_TIMEOUT = Duration.ofMinutes(2);
    public static final int DEFAULT_UPLOADS_PER_MINUTE = 10;

    /** The defaults for a data folder: uploads in its {@code media/} folder. */
    public static MediaSettings defaults(Path dataDir) {
        return new MediaSettings(
                dataDir.resolve("media"),
                DEFAULT_MAX_UPLOAD_BYTES,
                DEFAULT_UPLOAD_TIMEOUT,
                DEFAULT_UPLOADS_PER_MINUTE,
                null);
    }

    public static MediaSettings fromEnv(Env env, Path dataDir) {
        String publicUrl = env.string("PARLEY_PUBLIC_URL");
        if (publicUrl != null && !publicUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw Env.refused(
                    "PARLEY_PUBLIC_URL", "an http:// or https:// address such as https://chat.example.com", publicUrl);
        }
        return new MediaSettings(
                env.path("PARLEY_MEDIA_DIR", dataDir.resolve("media")),
                env.integer("PARLEY_MAX_UPLOAD_BYTES", (int) DEFAULT_MAX_UPLOAD_BYTES, 1, 1024 * 1024 * 1024),
                env.millis("PARLEY_UPLOAD_TIMEOUT_MS", DEFAULT_UPLOAD_TIMEOUT, 1000, 3_600_000),
                env.integer("PARLEY_UPLOADS_PER_MINUTE", DEFAULT_UPLOADS_PER_MINUTE, 1, 1_000_000),
                publicUrl == null ? null : publicUrl.replaceAll("/+$", ""));
    }

    public MediaSettings withDir(Path newDir) {
        return new MediaSettings(newDir, maxUploadBytes, uploadTimeout, uploadsPerMinute, publicUrl);
    }

    public MediaSettings withMaxUploadBytes(long max) {
        return new MediaSettings(dir, max, uploadTimeout, uploadsPerMinute, publicUrl);
    }

    public MediaSettings withUploadTimeout(Duration timeout) {
        return new MediaSettings(dir, maxUploadBytes, timeout, uploadsPerMinute, publicUrl);
    }

    public MediaSettings withPublicUrl(String url) {
        return new MediaSettings(dir, maxUploadBytes, uploadTimeout, uploadsPerMinute, url);
    }
}
