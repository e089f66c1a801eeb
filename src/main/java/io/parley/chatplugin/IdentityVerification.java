package io.parley.chatplugin;

import io.parley.channel.Channel;
import io.parley.crypto.Hmac;
import io.parley.errors.BadRequest;
import io.parley.errors.Unauthorized;

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
        if (!Hmac.sameHex(Hmac.sha256Hex(channel.identitySecret(), userId), userHash)) {
            throw new Unauthorized("user_hash does not match user_id");
        }
    }
}
