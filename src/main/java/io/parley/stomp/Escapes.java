package io.parley.stomp;

/** Header escaping, which differs per STOMP version: none in 1.0, \\ \n \c in 1.1, also \r in 1.2. */
final class Escapes {
    private Escapes() {}

    /** 0, 1 or 2 for "1.0", "1.1" and "1.2". */
    static int level(String version) {
        return switch (version) {
            case "1.0" -> 0;
            case "1.1" -> 1;
            case "1.2" -> 2;
            default -> throw new IllegalArgumentException("unsupported STOMP version: " + version);
        };
    }

    static String escape(String text, int level) {
        if (level == 0 || !needsEscape(text, level)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case ':' -> out.append("\\c");
                case '\r' -> out.append(level >= 2 ? "\\r" : "\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text, int level) throws FrameException {
        int i = text.indexOf('\\');
        if (level == 0 || i < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == text.length()) {
                throw new FrameException("invalid header escape");
            }
            out.append(unescaped(text.charAt(i), level));
        }
        return out.toString();
    }

    private static char unescaped(char escaped, int level) throws FrameException {
        return switch (escaped) {
            case '\\' -> '\\';
            case 'n' -> '\n';
            case 'c' -> ':';
            case 'r' -> {
                if (level < 2) {
                    throw new FrameException("invalid header escape");
                }
                yield '\r';
            }
            default -> throw new FrameException("invalid header escape");
        };
    }

    private static boolean needsEscape(String text, int level) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\n' || c == ':' || (c == '\r' && level >= 2)) {
                return true;
            }
        }
        return false;
    }
}
