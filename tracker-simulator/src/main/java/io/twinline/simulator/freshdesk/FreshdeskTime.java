package io.twinline.simulator.freshdesk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Freshdesk's timestamp forms: whole seconds, UTC, {@code Z} out; a handful of forms in. */
public final class FreshdeskTime {

    private static final DateTimeFormatter OUT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern IN = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2}))?(Z|[+-]\\d{2}(?::?\\d{2})?)?)?");

    private FreshdeskTime() {
    }

    public static String format(Instant t) {
        return t == null ? null : OUT.format(t);
    }

    /** Parses every documented input form; no zone means UTC. Returns null when the text is no timestamp. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = IN.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(m.group(1));
            if (m.group(2) == null) {
                return date.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            LocalDateTime ldt = date.atTime(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
            String zone = m.group(5);
            ZoneOffset offset = ZoneOffset.UTC;
            if (zone != null && !zone.equals("Z")) {
                String digits = zone.substring(1).replace(":", "");
                int hours = Integer.parseInt(digits.substring(0, 2));
                int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
                int sign = zone.charAt(0) == '-' ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            }
            return ldt.toInstant(offset);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Freshdesk keeps whole seconds. */
    public static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }
}
