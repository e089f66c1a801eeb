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

    /**
     * Checked against when the email is unknown, so that answer takes as long as a wrong password: a
     * hash that belongs to no account, with the encoder's cost (PasswordsTest keeps the two equal).
     * Written out rather than made at start, which cost every start 100 ms of CPU and 19 MiB of heap.
     */
    static final String DUMMY =
            "$argon2id$v=19$m=19456,t=2,p=1$PziKLB2WVEf4VpEW21Q/Pg$" + "G7WIhzg2bp7mcTBiirTfCudwsXLFlqJ3WNxwnVcMwNk";

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

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
            encoder.matches("parley-not-the-password", DUMMY);
            return false;
        }
        return encoder.matches(password, hash);
    }
}
