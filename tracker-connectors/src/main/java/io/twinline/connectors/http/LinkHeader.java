package io.twinline.connectors.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code rel="next"} from an RFC 8288 {@code Link} header, leniently (Freshdesk's doc shows stray spaces). */
public final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<\\s*([^>]*?)\\s*>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";,]*(?:\\s[^\";,]*)*)\"?", Pattern.CASE_INSENSITIVE);

    private LinkHeader() {
    }

    public static Optional<String> next(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            Matcher rel = NEXT.matcher(m.group(2));
            while (rel.find()) {
                for (String r : rel.group(1).trim().split("\\s+")) {
                    if (r.equalsIgnoreCase("next")) {
                        return Optional.of(m.group(1));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
