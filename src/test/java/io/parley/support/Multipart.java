package io.parley.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@code multipart/form-data} bodies built byte by byte, as a browser's FormData sends them. */
public final class Multipart {
    public static final String BOUNDARY = "----parleyTestBoundary7MA4YWxkTrZu0gW";

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public Multipart part(String name, String fileName, String contentType, byte[] content) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public static Multipart file(String fileName, String contentType, byte[] content) {
        return new Multipart().part("file", fileName, contentType, content);
    }

    public byte[] bytes() {
        ByteArrayOutputStream done = new ByteArrayOutputStream();
        done.writeBytes(body.toByteArray());
        done.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return done.toByteArray();
    }

    /** A POST of this body to {@code path}, with a bearer token unless it is null. */
    public Http.Response post(TestServer server, String path, String bearerToken) {
        var builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes()));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return server.http().execute(builder.build());
    }

    /**
     * The same POST sent as Node's fetch sends a FormData: of unknown length, so HTTP/1.1 chunked
     * transfer encoding and no Content-Length, in pieces of {@code pieceBytes}.
     */
    public Http.Response postChunked(TestServer server, String path, String bearerToken, int pieceBytes) {
        byte[] all = bytes();
        java.util.List<byte[]> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < all.length; i += pieceBytes) {
            pieces.add(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + pieceBytes)));
        }
        var builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(pieces));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return server.http().execute(builder.build());
    }
}
