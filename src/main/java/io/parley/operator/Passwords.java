package io.parley.operator;

import io.parley.errors.BadRequest;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id hashes (salt, cost and hash in one self-describing string) made by a maintained
 * library. The cost is OWASP's minimum for Argon2id: 19 MiB, 2 passes, one lane.
 */
final class Passwords {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 200;

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    /** Checked against when the email is unknown, so that answer takes as long as a wrong password. */
    private final String dummy = encoder.encode("parley-dummy-password");

    static String valid(String field, String password) {
        if (password == null) {
            throw new BadRequest("field '" + field + "' is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new BadRequest(
                    "field '" + field + "' must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        return password;
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    /** Constant work whether or not there is a hash to check against. */
    boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            encoder.matches("parley-not-the-password", dummy);
            return false;
        }
        return encoder.matches(password, hash);
    }
}
