package io.parley.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Sends one email over SMTP through Angus Mail (Jakarta Mail), with the settings' security and timeouts. */
final class Mailer {
    private final EmailSettings settings;
    private final Session session;
    private final String protocol;

    Mailer(EmailSettings settings) {
        this.settings = settings;
        this.protocol = settings.smtp().security() == Smtp.Security.TLS ? "smtps" : "smtp";
        this.session = Session.getInstance(properties(settings, protocol));
    }

    private static Properties properties(EmailSettings settings, String protocol) {
        Smtp smtp = settings.smtp();
        String p = "mail." + protocol + ".";
        String timeout = String.valueOf(settings.timeout().toMillis());
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put(p + "host", smtp.host());
        props.put(p + "port", String.valueOf(smtp.port()));
        props.put(p + "auth", String.valueOf(smtp.user() != null));
        props.put(p + "connectiontimeout", timeout);
        props.put(p + "timeout", timeout);
        props.put(p + "writetimeout", timeout);
        props.put(p + "ssl.checkserveridentity", "true");
        if (smtp.security() == Smtp.Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true"); // never fall back to plain text
        }
        if (settings.trustedCertificates() != null) {
            props.put(p + "ssl.socketFactory", trusting(settings));
        }
        return props;
    }

    /** Trusts exactly the certificates in the PEM file (a private CA, or a test server's own). */
    private static SSLSocketFactory trusting(EmailSettings settings) {
        try (InputStream in = Files.newInputStream(settings.trustedCertificates())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("PARLEY_SMTP_TRUST: cannot read the certificates: " + e.getMessage(), e);
        }
    }

    void send(OutgoingEmail email) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.recipient(), true));
        message.setSubject(email.subject(), "UTF-8");
        message.setSentDate(new Date());
        for (Map.Entry<String, String> header : email.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        Smtp smtp = settings.smtp();
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
