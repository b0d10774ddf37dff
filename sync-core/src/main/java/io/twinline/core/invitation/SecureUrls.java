package io.twinline.core.invitation;

import java.net.URI;
import java.util.Locale;

/** Which public-side URLs an agent may use: {@code https}, or {@code http} to a loopback address (a local run). */
public final class SecureUrls {

    private SecureUrls() {
    }

    public static boolean acceptable(String url) {
        if (url == null) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return uri.getHost() != null;
        }
        return scheme.equals("http") && isLoopback(uri.getHost());
    }

    /** Only literal loopback names: no name is resolved here, so DNS cannot turn a host into "loopback". */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
