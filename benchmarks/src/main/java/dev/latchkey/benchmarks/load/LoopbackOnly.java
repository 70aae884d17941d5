package dev.latchkey.benchmarks.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The load generator's guard: it only ever sends to this machine. A target whose host is not a loopback address (or
 * a name that resolves to anything else) is refused before a single request goes out.
 */
final class LoopbackOnly {
    private LoopbackOnly() {
    }

    /** {@code url} as a URI when it is {@code http://} to a loopback host with a port; else an exception naming it. */
    static URI http(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) || uri.getPort() < 1) {
            throw new IllegalArgumentException("a target must be http://host:port on this machine: " + url);
        }
        requireLoopback(uri.getHost(), url);
        return URI.create("http://" + uri.getRawAuthority());
    }

    /** Refuses a JDBC URL {@code jdbc:postgresql://host[:port]/db...} whose host is not loopback. */
    static String postgres(String jdbcUrl) {
        String prefix = "jdbc:postgresql://";
        if (!jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("the database must be jdbc:postgresql://... on this machine");
        }
        String rest = jdbcUrl.substring(prefix.length());
        int end = rest.indexOf('/');
        String authority = end < 0 ? rest : rest.substring(0, end);
        String host = authority.startsWith("[") ? authority.substring(1, authority.indexOf(']'))
                : authority.contains(":") ? authority.substring(0, authority.indexOf(':')) : authority;
        requireLoopback(host, "the database host " + host);
        return jdbcUrl;
    }

    private static void requireLoopback(String host, String what) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host in " + what);
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] all = InetAddress.getAllByName(bare);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    throw new IllegalArgumentException("refused: " + what + " is not on loopback (" + a + ")");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("refused: " + what + " does not resolve");
        }
    }
}
