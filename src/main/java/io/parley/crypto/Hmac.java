package io.parley.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as Parley's users compute it: keyed with the secret's UTF-8 bytes, written as lowercase hex. */
public final class Hmac {
    private Hmac() {}

    public static String sha256Hex(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public static String sha256Hex(String secret, String message) {
        return sha256Hex(secret, message.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares hex digests in constant time, ignoring case, so a caller cannot learn a digest byte by byte. */
    public static boolean sameHex(String expected, String given) {
        return MessageDigest.isEqual(
                expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
