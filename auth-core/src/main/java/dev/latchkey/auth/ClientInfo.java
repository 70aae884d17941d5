package dev.latchkey.auth;

import dev.latchkey.auth.internal.ClientAddresses;

import java.util.Optional;

/**
 * What the host knows about the client making a request: its network address and user agent.
 *
 * <p>Stored with each session so a user can recognise and revoke them, and used for per-address limits. Values are
 * truncated to 64 (address) and 256 (user agent) characters.
 *
 * <p>{@link #address()} is the address as those limits count it, so that one client has one budget however its
 * address is written: IPv4 in dotted decimal; {@code ::1} as {@code 127.0.0.1}; IPv4-mapped ({@code ::ffff:192.0.2.1})
 * and NAT64 ({@code 64:ff9b::192.0.2.1}) addresses as the IPv4 address inside; any other IPv6 address as its
 * {@code /64} prefix ({@code 2001:db8:1:2::/64}), because one subscriber usually holds a whole {@code /64}. IP
 * literals are parsed without any DNS lookup; text that is not one is kept as given. {@link #originalAddress()} is
 * the address exactly as the host passed it.
 */
public final class ClientInfo {
    private static final ClientInfo UNKNOWN = new ClientInfo(null, null, null);

    private final String originalAddress;
    private final String address;
    private final String userAgent;

    private ClientInfo(String originalAddress, String address, String userAgent) {
        this.originalAddress = originalAddress;
        this.address = address;
        this.userAgent = userAgent;
    }

    /** A client with the given address and user agent; either may be null when unknown. */
    public static ClientInfo of(String address, String userAgent) {
        String original = truncate(address, 64);
        String key = original == null ? null : truncate(ClientAddresses.rateLimitKey(address.strip()), 64);
        return new ClientInfo(original, key, truncate(userAgent, 256));
    }

    /** A client the host knows nothing about. */
    public static ClientInfo unknown() {
        return UNKNOWN;
    }

    /**
     * The client's network address in the normalised form that per-address limits and sessions use (see the class
     * description): {@code 127.0.0.1} for {@code ::1}, {@code 2001:db8:1:2::/64} for {@code 2001:db8:1:2::7}.
     */
    public Optional<String> address() {
        return Optional.ofNullable(address);
    }

    /** The client's network address exactly as the host saw it (stripped and truncated); audit events show this. */
    public Optional<String> originalAddress() {
        return Optional.ofNullable(originalAddress);
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
        return "ClientInfo[address=" + originalAddress + ", rateLimitKey=" + address + ", userAgent=" + userAgent + "]";
    }
}
