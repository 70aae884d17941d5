package dev.latchkey.auth;

import java.util.Optional;

/**
 * What the host knows about the client making a request: its network address and user agent.
 *
 * <p>Stored with each session so a user can recognise and revoke them, and used for per-address limits. Values are
 * truncated to 64 (address) and 256 (user agent) characters.
 */
public final class ClientInfo {
    private static final ClientInfo UNKNOWN = new ClientInfo(null, null);

    private final String address;
    private final String userAgent;

    private ClientInfo(String address, String userAgent) {
        this.address = address;
        this.userAgent = userAgent;
    }

    /** A client with the given address and user agent; either may be null when unknown. */
    public static ClientInfo of(String address, String userAgent) {
        return new ClientInfo(truncate(address, 64), truncate(userAgent, 256));
    }

    /** A client the host knows nothing about. */
    public static ClientInfo unknown() {
        return UNKNOWN;
    }

    /** The client's network address, as the host saw it. */
    public Optional<String> address() {
        return Optional.ofNullable(address);
    }

    /** The client's user agent string. */
    public Optional<String> userAgent() {
        return Optional.ofNullable(userAgent);
    }

    private static String truncate(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }

    @Override
    public String toString() {
        return "ClientInfo[address=" + address + ", userAgent=" + userAgent + "]";
    }
}
