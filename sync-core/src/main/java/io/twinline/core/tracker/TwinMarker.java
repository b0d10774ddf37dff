package io.twinline.core.tracker;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Marks a ticket created by Twinline with its twin's id, so that a create retried after a crash finds the
 * ticket it already made instead of making a second one. Written as a tag/label {@code twinline-<twinId>}
 * (or into a configured custom field) in the same call that creates the ticket.
 *
 * @param twinId    the twin's stable id: letters, digits, '-', '_' and '.' only (Jira labels allow no spaces)
 * @param notBefore when the intent to create was recorded (the tracker's time, when known); lets a connector
 *                  look the ticket up by listing recent changes instead of a lagging search index. May be null.
 */
public record TwinMarker(String twinId, Instant notBefore) {

    public static final String LABEL_PREFIX = "twinline-";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public TwinMarker {
        Objects.requireNonNull(twinId, "twinId");
        if (!SAFE.matcher(twinId).matches()) {
            throw new IllegalArgumentException("a twin id may hold only letters, digits, '.', '_' and '-' (1-100): '" + twinId + "'");
        }
    }

    public static TwinMarker of(String twinId) {
        return new TwinMarker(twinId, null);
    }

    /** The tag / label text. */
    public String label() {
        return LABEL_PREFIX + twinId;
    }

    /** The twin id a label carries, or null when the label is no twin marker. */
    public static String twinIdOf(String label) {
        return label != null && label.startsWith(LABEL_PREFIX) ? label.substring(LABEL_PREFIX.length()) : null;
    }
}
