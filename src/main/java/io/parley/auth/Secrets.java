package io.parley.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets generated on first start and kept in the data folder, readable by the owner only. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public record Loaded(String value, boolean created) {}

    public static Loaded loadOrCreate(Path dataDir, String name) {
        Path file = dataDir.resolve(name);
        try {
            if (Files.exists(file)) {
                return new Loaded(Files.readString(file, StandardCharsets.UTF_8).strip(), false);
            }
            Files.createDirectories(dataDir);
            String value = random(32);
            write(file, value);
            return new Loaded(value, true);
        } catch (FileAlreadyExistsException raced) {
            return loadOrCreate(dataDir, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + name + " in " + dataDir, e);
        }
    }

    public static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    private static void write(Path file, String value) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
