package io.parley.support;

import io.parley.email.EmailSettings;
import io.parley.email.Smtp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.wiser.Wiser;
import org.subethamail.wiser.WiserMessage;

/**
 * A real SMTP server in the test (SubEthaSMTP's Wiser) that insists on STARTTLS, with the test
 * certificate in {@code src/test/resources/smtp}, and on a login before it accepts mail. GreenMail,
 * the usual choice, offers no STARTTLS on SMTP. Stops and starts again on the same port, for
 * outage tests.
 */
public final class MailServer implements AutoCloseable {
    public static final String USER = "parley@mail.test";
    public static final String PASSWORD = "p@ss:word/with%chars";

    private final int port;
    private Wiser wiser;

    private MailServer(int port) {
        this.port = port;
    }

    public static MailServer start() {
        MailServer server = new MailServer(freePort());
        server.startAgain();
        return server;
    }

    /** A server that is not running yet (for "down, then up" tests): {@link #startAgain} brings it up. */
    public static MailServer notStarted() {
        return new MailServer(freePort());
    }

    public synchronized void startAgain() {
        SMTPServer.Builder builder = SMTPServer.port(port)
                .hostName("localhost")
                .requireTLS()
                .requireAuth()
                .startTlsSocketFactory(sslContext())
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!USER.equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException();
                    }
                }));
        wiser = Wiser.create(builder);
        wiser.start();
    }

    public synchronized void stop() {
        if (wiser != null) {
            wiser.stop();
            wiser = null;
        }
    }

    public int port() {
        return port;
    }

    /** Settings that send here (user and password URL-escaped, as the variable wants them), retrying fast. */
    public EmailSettings settings(String publicUrl) {
        String user = URLEncoder.encode(USER, StandardCharsets.UTF_8);
        String password = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        return new EmailSettings(
                Smtp.parse("smtp://" + user + ":" + password + "@localhost:" + port),
                "Parley Test <support@parley.test>",
                URI.create(publicUrl),
                certificate(),
                Duration.ofSeconds(5),
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                10,
                Duration.ofMillis(100),
                Duration.ZERO,
                Duration.ofSeconds(180));
    }

    public static Path certificate() {
        try {
            return Path.of(MailServer.class.getResource("/smtp/server.pem").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized List<WiserMessage> messages() {
        return wiser == null ? List.of() : List.copyOf(wiser.getMessages());
    }

    public List<MimeMessage> waitForMessages(int count) {
        Wait.until(count + " email(s) arrived", () -> messages().size() >= count);
        return messages().stream().map(MailServer::mime).toList();
    }

    private static MimeMessage mime(WiserMessage message) {
        try {
            return message.getMimeMessage();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext sslContext() {
        try (InputStream in = MailServer.class.getResourceAsStream("/smtp/server.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test SMTP certificate", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
