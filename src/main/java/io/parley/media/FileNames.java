package io.parley.media;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The client's file name, made safe to keep and to send back in a header. */
final class FileNames {
    private static final int MAX_LENGTH = 200;

    private FileNames() {}

    /** The last path segment, without control characters, at most 200 characters; "file" when nothing is left. */
    static String clean(String clientName) {
        String name = clientName == null ? "" : clientName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints()
                .filter(c -> !Character.isISOControl(c)
                        && Character.getType(c) != Character.FORMAT
                        && Character.getType(c) != Character.SURROGATE)
                .limit(MAX_LENGTH)
                .forEach(kept::appendCodePoint);
        String cleaned = kept.toString().strip();
        return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? "file" : cleaned;
    }

    /**
     * RFC 6266: an ASCII {@code filename} for old clients (anything else becomes "_") and the exact name
     * as RFC 5987 {@code filename*}, percent-encoded UTF-8, which browsers prefer.
     */
    static String attachmentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
