package io.twinline.simulator.jira;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JQL date values: absolute minutes, days, epoch milliseconds and relative periods, read in UTC (the sync user's zone). */
final class JqlDates {

    private static final Pattern RELATIVE = Pattern.compile("([-+]?)(\\d+)([wdhm]?)");
    private static final DateTimeFormatter[] ABSOLUTE = {
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"), DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm")};
    private static final DateTimeFormatter[] DAYS = {
            DateTimeFormatter.ofPattern("yyyy-MM-dd"), DateTimeFormatter.ofPattern("yyyy/MM/dd")};

    private JqlDates() {
    }

    /**
     * A date value as [from, to): absolute minute values cover that minute's start only (a point), days
     * cover the day for '=' and start at midnight for comparisons.
     */
    static Instant[] range(String text, boolean quoted, Instant now) {
        String t = text.trim();
        if (!quoted && t.matches("\\d{9,}")) {
            Instant at = Instant.ofEpochMilli(Long.parseLong(t));
            return new Instant[] {at, at.plusMillis(1)};
        }
        for (DateTimeFormatter f : ABSOLUTE) {
            try {
                Instant at = LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC);
                return new Instant[] {at, at.plus(Duration.ofMinutes(1))};
            } catch (RuntimeException e) {
                // next form
            }
        }
        for (DateTimeFormatter f : DAYS) {
            try {
                Instant at = LocalDate.parse(t, f).atStartOfDay().toInstant(ZoneOffset.UTC);
                return new Instant[] {at, at.plus(Duration.ofDays(1))};
            } catch (RuntimeException e) {
                // next form
            }
        }
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
            Duration d = switch (m.group(3)) {
                case "w" -> Duration.ofDays(7 * n);
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
            Instant at = now.plus(d);
            return new Instant[] {at, at.plusMillis(1)};
        }
        throw new Jql.JqlException("Date value '" + t + "' for field is invalid. Valid formats include: "
                + "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.");
    }
}
