package dev.latchkey.auth;

import dev.latchkey.auth.internal.ClientAddresses;

import java.util.Optional;

/**
 * What the host knows about the client making a request: its network address, its user agent, and the device token
 * it presented, if any.
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
 *
 * <p>{@link #withDeviceToken(String)} adds the device token a client kept from an earlier password login
 * ({@link Session#deviceToken()}); see {@link dev.latchkey.auth.password.LoginLimits}. {@link #toString()} never
 * shows it.
 */
public final class ClientInfo {
    private static final ClientInfo UNKNOWN = new ClientInfo(null, null, null, null);

    private final String originalAddress;
    private final String address;
    private final String userAgent;
    private final String deviceToken;

    private ClientInfo(String originalAddress, String address, String userAgent, String deviceToken) {
        this.originalAddress = originalAddress;
        this.address = address;
        this.userAgent = userAgent;
        this.deviceToken = deviceToken;
    }

    /** A client with the given address and user agent; either may be null when unknown. */
    public static ClientInfo of(String address, String userAgent) {
        String original = truncate(address, 64);
        String key = original == null ? null : truncate(ClientAddresses.rateLimitKey(address.strip()), 64);
        return new ClientInfo(original, key, truncate(userAgent, 256), null);
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

    /**
     * This client presenting a device token (from {@link Session#deviceToken()} of an earlier password login), for
     * {@link dev.latchkey.auth.password.Passwords#login}; null or blank for none. A token the service did not issue
     * for the account being logged in to (tampered, expired, of another account) is ignored: the client is then
     * counted like any other.
     */
    public ClientInfo withDeviceToken(String token) {
        String t = token == null || token.isBlank() ? null : token.strip();
        return new ClientInfo(originalAddress, address, userAgent, t);
    }

    /** The device token the client presented, as given to {@link #withDeviceToken(String)}. */
    public Optional<String> deviceToken() {
        return Optional.ofNullable(deviceToken);
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
        return "ClientInfo[address=" + originalAddress + ", rateLimitKey=" + address + ", userAgent=" + userAgent
                + (deviceToken == null ? "" : ", deviceToken=****") + "]";
    }
}
