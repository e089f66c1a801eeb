package io.parley.email;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * What went wrong, in words safe for logs and the outbox row: the kind of failure and the SMTP
 * code, never the server's text, which often repeats the recipient's address.
 */
final class SmtpErrors {
    private SmtpErrors() {}

    static String describe(MessagingException e) {
        if (e instanceof MailConnectException connect) {
            return "cannot connect to the SMTP server " + connect.getHost() + ":" + connect.getPort();
        }
        if (e instanceof SMTPAddressFailedException refused) {
            return "the SMTP server refused the recipient (code " + refused.getReturnCode() + ")";
        }
        if (e instanceof SMTPSendFailedException failed) {
            return "the SMTP server refused the email (code " + failed.getReturnCode() + ")";
        }
        if (e instanceof jakarta.mail.AuthenticationFailedException) {
            return "the SMTP server refused the user name or password";
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return "SMTP failure: " + cause.getClass().getSimpleName();
    }
}
