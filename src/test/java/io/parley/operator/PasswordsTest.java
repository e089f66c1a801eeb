package io.parley.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    private final Passwords passwords = new Passwords();

    /** The written-out dummy must cost what a real check costs: same algorithm, memory, passes, lanes. */
    @Test
    void the_dummy_hash_has_the_cost_of_a_real_one() {
        String real = passwords.hash("a long passphrase");
        assertEquals(costOf(real), costOf(Passwords.DUMMY));
    }

    @Test
    void an_unknown_account_never_matches() {
        assertFalse(passwords.matches("parley-dummy-password", null));
        assertFalse(passwords.matches(null, Passwords.DUMMY));
    }

    @Test
    void a_hash_matches_its_password_only() {
        String hash = passwords.hash("a long passphrase");
        assertTrue(passwords.matches("a long passphrase", hash));
        assertFalse(passwords.matches("a long passphrasE", hash));
    }

    /** {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}: everything before the salt. */
    private static String costOf(String hash) {
        String[] parts = hash.split("\\$");
        return String.join("$", parts[1], parts[2], parts[3]);
    }
}
