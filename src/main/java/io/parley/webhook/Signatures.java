package io.parley.webhook;

import io.parley.crypto.Hmac;

/** {@code X-Parley-Signature: sha256=<hex HMAC-SHA256 of the raw body>}, keyed with the api_secret's UTF-8 bytes. */
public final class Signatures {
    public static final String HEADER = "X-Parley-Signature";

    private Signatures() {}

    public static String sign(String apiSecret, byte[] body) {
        return "sha256=" + Hmac.sha256Hex(apiSecret, body);
    }
}
