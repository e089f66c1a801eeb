package io.parley.chatplugin;

import io.parley.channel.Channel;
import io.parley.errors.BadRequest;
import io.parley.errors.Unauthorized;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Chatwoot-style identity verification: the website's backend computes
 * {@code user_hash = hex(HMAC-SHA256(key = channel identity secret, message = user_id))}.
 */
final class IdentityVerification {
    private IdentityVerification() {}

    static void check(Channel channel, String userId, String userHash) {
        if (userId == null || userId.isBlank() || userId.length() > 255) {
            throw new BadRequest("field 'user_id' must be 1 to 255 characters");
        }
        if (userHash == null) {
            throw new BadRequest("field 'user_hash' is required with 'user_id'");
        }
        if (channel.identitySecret() == null) {
            throw new Unauthorized("identity verification is not set up for this channel");
        }
        byte[] expected = hash(channel.identitySecret(), userId).getBytes(StandardCharsets.US_ASCII);
        byte[] given = userHash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new Unauthorized("user_hash does not match user_id");
        }
    }

    static String hash(String secret, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
