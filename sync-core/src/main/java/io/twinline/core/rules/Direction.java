package io.twinline.core.rules;

/** Which of a side's two scripts: outgoing builds the replica from the local ticket, incoming applies a replica. */
public enum Direction {
    OUTGOING,
    INCOMING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
