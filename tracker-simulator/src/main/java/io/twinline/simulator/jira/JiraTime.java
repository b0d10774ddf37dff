package io.twinline.simulator.jira;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Jira's date-time form: milliseconds and a {@code ±hhmm} offset; the simulator answers in UTC. */
public final class JiraTime {

    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private JiraTime() {
    }

    public static String format(Instant t) {
        return t == null ? null : FORMAT.format(t);
    }

    public static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }
}
