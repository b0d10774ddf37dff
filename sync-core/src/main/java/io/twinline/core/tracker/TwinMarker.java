package io.twinline.core.tracker;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Marks a ticket created by Twinline with its twin's id, so that a create retried after a crash finds the
 * ticket it already made instead of making a second one. Written as a tag/label
 * {@code twinline-<connection id, 32 hex digits>-<twinId>} (or into a configured custom field) in the same call that
 * creates the ticket.
 *
 * <p>The marker names the connection as well as the twin: one tracker may serve several connections, and a twin id
 * seen on another connection (or made up by another connection's partner) must never make this connection adopt a
 * ticket it did not create.
 *
 * @param connectionId the connection whose agent created the ticket
 * @param twinId       the twin's stable id: letters, digits, '-', '_' and '.' only (Jira labels allow no spaces)
 * @param notBefore    when the intent to create was recorded (the tracker's time, when known); lets a connector
 *                     look the ticket up by listing recent changes instead of a lagging search index. May be null.
 */
public record TwinMarker(UUID connectionId, String twinId, Instant notBefore) {

    public static final String LABEL_PREFIX = "twinline-";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public TwinMarker {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(twinId, "twinId");
        if (!SAFE.matcher(twinId).matches()) {
            throw new IllegalArgumentException("a twin id may hold only letters, digits, '.', '_' and '-' (1-100): '" + twinId + "'");
        }
    }

    public static TwinMarker of(UUID connectionId, String twinId) {
        return new TwinMarker(connectionId, twinId, null);
    }

    /** The same marker with a lower bound for the ticket's creation time. */
    public TwinMarker notBefore(Instant when) {
        return new TwinMarker(connectionId, twinId, when);
    }

    /** What a custom field or issue property holds: {@code <connection id, 32 hex digits>-<twinId>}. */
    public String value() {
        return connectionId.toString().replace("-", "") + "-" + twinId;
    }

    /** The tag / label text. */
    public String label() {
        return LABEL_PREFIX + value();
    }

    /** True when the label is a twin marker (of any connection): connectors keep such labels on every update. */
    public static boolean isMarker(String label) {
        return label != null && label.startsWith(LABEL_PREFIX);
    }
}
