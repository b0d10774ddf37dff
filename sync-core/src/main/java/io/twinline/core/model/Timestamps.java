package io.twinline.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Date;

/** Converts the timestamp shapes scripts and trackers hand over into {@link Instant}. */
public final class Timestamps {
    /** Jira DC writes {@code 2016-03-16T04:22:37.356+0000}; ISO-8601 parsers want a colon in the offset. */
    private static final DateTimeFormatter JIRA = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    private Timestamps() {
    }

    /**
     * @throws IllegalArgumentException naming the value when it is not a timestamp
     */
    public static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDate ld) {
            return ld.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (value instanceof CharSequence cs) {
            return parse(cs.toString());
        }
        throw new IllegalArgumentException("not a timestamp: " + value + " (" + value.getClass().getSimpleName() + ")");
    }

    public static Instant parse(String text) {
        String s = text.trim();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s, JIRA).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("not a timestamp: '" + text + "' (expected ISO-8601, e.g. 2026-01-31T10:15:00Z)");
            }
        }
    }
}
