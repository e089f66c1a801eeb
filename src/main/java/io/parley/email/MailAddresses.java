package io.parley.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Address checks by the mail library's strict RFC 822 parser, plus the need for a domain. */
public final class MailAddresses {
    private MailAddresses() {}

    /** A bare address such as {@code ada@example.com}: what a visitor or operator gives. */
    public static boolean valid(String address) {
        InternetAddress parsed = parse(address);
        return parsed != null && parsed.getPersonal() == null;
    }

    /** An address, with or without a display name ({@code Acme Support <support@acme.test>}). */
    public static boolean validSender(String address) {
        return parse(address) != null;
    }

    private static InternetAddress parse(String address) {
        if (address == null || address.length() > 320) {
            return null;
        }
        try {
            InternetAddress parsed = new InternetAddress(address.strip(), true);
            parsed.validate();
            return parsed.getAddress().indexOf('@') > 0 ? parsed : null;
        } catch (AddressException e) {
            return null;
        }
    }
}
