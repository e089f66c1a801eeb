package io.parley.stomp;

/** What a CONNECT frame asks for: the protocol version, and the credential for the socket's policy. */
final class Negotiation {
    private static final String[] VERSIONS = {"1.2", "1.1", "1.0"};

    private Negotiation() {}

    /** The highest version both sides speak; 1.0 when the client names none; null when there is none in common. */
    static String version(String acceptVersion) {
        if (acceptVersion == null) {
            return "1.0";
        }
        for (String candidate : VERSIONS) {
            for (String offered : acceptVersion.split(",")) {
                if (offered.strip().equals(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The credential as sent (the policy strips a "Bearer " prefix): STOMP clients put it in either header. */
    static String credential(Frame frame) {
        String value = frame.header("Authorization");
        if (value == null) {
            value = frame.header("authorization");
        }
        if (value == null) {
            value = frame.header("passcode");
        }
        return value;
    }
}
