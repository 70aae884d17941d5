package dev.latchkey.auth.internal;

/**
 * The key under which per-address limits count a client address, so that one client has one budget however its
 * address is spelled.
 *
 * <p>IP literals are parsed here, by hand: no {@code InetAddress} call, so no text can make a limit check wait on DNS.
 * IPv4 keys are dotted decimal. IPv6 keys are the {@code /64} prefix in RFC 5952 form ({@code 2001:db8:1:2::/64}),
 * since one subscriber usually holds a whole {@code /64} and could otherwise rotate through 2<sup>64</sup> budgets.
 * IPv4-mapped ({@code ::ffff:192.0.2.1}) and NAT64 ({@code 64:ff9b::192.0.2.1}) addresses key as the IPv4 address
 * they carry, and {@code ::1} as {@code 127.0.0.1}. Brackets and an IPv6 zone ({@code %eth0}) are ignored. Anything
 * that is not an IP literal is its own key, unchanged.
 */
public final class ClientAddresses {
    private static final String IPV4_LOOPBACK = "127.0.0.1";

    private ClientAddresses() {
    }

    /** The rate-limit key of {@code address} (stripped, non-blank), as described above. */
    public static String rateLimitKey(String address) {
        String s = address;
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') < 0) {
            int[] v4 = new int[4];
            return parseIpv4(s, v4, 0) ? ipv4(v4, 0) : address;
        }
        int zone = s.indexOf('%');
        if (zone > 0) {
            s = s.substring(0, zone);
        }
        int[] groups = parseIpv6(s);
        if (groups == null) {
            return address;
        }
        return ipv6Key(groups);
    }

    private static String ipv6Key(int[] g) {
        boolean firstFiveZero = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
        if (firstFiveZero && g[5] == 0xffff) {
            return ipv4(g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff); // IPv4-mapped
        }
        if (firstFiveZero && g[5] == 0 && g[6] == 0 && g[7] == 1) {
            return IPV4_LOOPBACK; // ::1
        }
        if (g[0] == 0x64 && g[1] == 0xff9b && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0) {
            return ipv4(g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff); // NAT64 well-known prefix (RFC 6052)
        }
        return rfc5952(new int[] {g[0], g[1], g[2], g[3], 0, 0, 0, 0}) + "/64";
    }

    /** Parses exactly four decimal octets from {@code s} into {@code out[at..at+3]}. */
    private static boolean parseIpv4(String s, int[] out, int at) {
        int part = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return false;
                }
            } else if (c == '.') {
                if (digits == 0 || part == 4) {
                    return false;
                }
                out[at + part++] = value;
                digits = 0;
                value = 0;
            } else {
                return false;
            }
        }
        return part == 4;
    }

    /** The eight 16-bit groups of an IPv6 literal, or null when {@code s} is not one. */
    private static int[] parseIpv6(String s) {
        int[] head = new int[8];
        int[] tail = new int[8];
        int heads = 0;
        int tails = 0;
        boolean compressed = false;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            compressed = true;
            i = 2;
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < n) {
            int end = s.indexOf(':', i);
            String field = s.substring(i, end < 0 ? n : end);
            if (field.isEmpty()) {
                return null;
            }
            int count = compressed ? tails : heads;
            if (end < 0 && field.indexOf('.') >= 0) {
                int[] v4 = new int[4];
                if (count + 2 > 8 || !parseIpv4(field, v4, 0)) {
                    return null;
                }
                int[] target = compressed ? tail : head;
                target[count] = v4[0] << 8 | v4[1];
                target[count + 1] = v4[2] << 8 | v4[3];
                if (compressed) {
                    tails += 2;
                } else {
                    heads += 2;
                }
                i = n;
                break;
            }
            int value = hexGroup(field);
            if (value < 0 || heads + tails == 8) {
                return null;
            }
            if (compressed) {
                tail[tails++] = value;
            } else {
                head[heads++] = value;
            }
            if (end < 0) {
                i = n;
            } else if (end + 1 < n && s.charAt(end + 1) == ':') {
                if (compressed) {
                    return null; // a second "::"
                }
                compressed = true;
                i = end + 2;
            } else if (end + 1 == n) {
                return null; // a trailing single ':'
            } else {
                i = end + 1;
            }
        }
        if (heads + tails > 8 || (!compressed && heads != 8) || (compressed && heads + tails == 8)) {
            return null;
        }
        int[] groups = new int[8];
        System.arraycopy(head, 0, groups, 0, heads);
        System.arraycopy(tail, 0, groups, 8 - tails, tails);
        return groups;
    }

    private static int hexGroup(String field) {
        if (field.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int k = 0; k < field.length(); k++) {
            int d = Character.digit(field.charAt(k), 16);
            if (d < 0 || field.charAt(k) > 'f') { // ASCII hex only: Character.digit also takes fullwidth digits
                return -1;
            }
            value = value << 4 | d;
        }
        return value;
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups (first) as "::". */
    private static String rfc5952(int[] g) {
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; ) {
            int end = start;
            while (end < 8 && g[end] == 0) {
                end++;
            }
            if (end - start > bestLength) {
                bestStart = start;
                bestLength = end - start;
            }
            start = end == start ? start + 1 : end;
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                b.append("::");
                k += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[k]));
        }
        return b.toString();
    }

    private static String ipv4(int[] octets, int at) {
        return ipv4(octets[at], octets[at + 1], octets[at + 2], octets[at + 3]);
    }

    private static String ipv4(int a, int b, int c, int d) {
        return a + "." + b + "." + c + "." + d;
    }
}
