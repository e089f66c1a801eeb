package io.parley.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a raw socket that answers 204 and closes the connection after every
 * response, as Python's {@code http.server} does (HTTP/1.0). Like the README's bot, which calls
 * Parley back before its handler returns, it keeps the connection open a little after answering:
 * a client that reuses it in that window has its request dropped unanswered. Whether the answer
 * says {@code Connection: close} is the test's choice: without it, a client cannot know.
 */
public final class ClosingReceiver implements AutoCloseable {
    private static final int LINGER_MS = 150;
    private final ServerSocket socket;
    private final boolean announceClose;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean answering = true;

    public ClosingReceiver(boolean announceClose) {
        this.announceClose = announceClose;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "closing-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
    }

    /** The bodies of the requests that were answered, in order. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    public int connections() {
        return connections.get();
    }

    /** From now on every request is read and its connection closed without an answer. */
    public void neverAnswer() {
        answering = false;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.incrementAndGet();
                Thread handler = new Thread(() -> serve(connection), "closing-receiver-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                // the receiver is closing
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            answerOne(connection, in);
            connection.setSoTimeout(LINGER_MS);
            in.read(); // a reused connection's next request is never answered: the close drops it
        } catch (IOException e) {
            // the linger ended, or the client dropped the connection: close it either way
        }
    }

    private void answerOne(Socket connection, InputStream in) throws IOException {
        int length = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(
                        lower.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (!answering) {
            throw new IOException("hanging up without an answer");
        }
        bodies.add(new String(body, StandardCharsets.UTF_8));
        String head = "HTTP/1.0 204 No Content\r\n" + (announceClose ? "Connection: close\r\n" : "") + "\r\n";
        OutputStream out = connection.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-request");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
