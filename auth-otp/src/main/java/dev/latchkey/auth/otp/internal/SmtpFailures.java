package dev.latchkey.auth.otp.internal;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Sorts a Jakarta Mail failure into one of the stable delivery-failure reasons. */
public final class SmtpFailures {
    private SmtpFailures() {
    }

    /**
     * The reason for a failed send, checked in this order: {@code credentials_rejected} (the server refused the
     * login), {@code timeout} (a connect, read or write timed out), {@code invalid_destination} (the server refused
     * the recipient permanently), {@code unavailable} (a 4xx "try again later" reply, or the server could not be
     * reached or dropped the connection), {@code rejected} (a TLS failure such as an untrusted certificate, a name
     * mismatch or missing STARTTLS, a 5xx reply to the sender or the message, or anything else).
     */
    public static String reason(MessagingException failure) {
        List<Throwable> chain = chain(failure);
        if (has(chain, AuthenticationFailedException.class)) {
            return "credentials_rejected";
        }
        if (has(chain, SocketTimeoutException.class)) {
            return "timeout";
        }
        for (Throwable t : chain) {
            if (t instanceof SMTPSenderFailedException sender) {
                return isTransient(sender.getReturnCode()) ? "unavailable" : "rejected";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SMTPAddressFailedException address) {
                return isTransient(address.getReturnCode()) ? "unavailable" : "invalid_destination";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SendFailedException sent && !(t instanceof SMTPSendFailedException)
                    && notEmpty(sent.getInvalidAddresses())) {
                return "invalid_destination";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SMTPSendFailedException sent) {
                return isTransient(sent.getReturnCode()) ? "unavailable" : "rejected";
            }
        }
        if (has(chain, SSLException.class) || has(chain, GeneralSecurityException.class)) {
            return "rejected";
        }
        if (has(chain, MailConnectException.class) || has(chain, IOException.class)) {
            return "unavailable";
        }
        return "rejected";
    }

    private static boolean isTransient(int smtpReturnCode) {
        return smtpReturnCode >= 400 && smtpReturnCode < 500;
    }

    private static boolean notEmpty(Address[] addresses) {
        return addresses != null && addresses.length > 0;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The failure and its causes; for a MessagingException the cause is its "next" exception. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t) && chain.size() < 32; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
