package io.twinline.core.rules;

/**
 * A run of sync rules failed: the twin's sync event is parked with {@link #getMessage()}, which names the rules
 * (outgoing / incoming) and the script line.
 */
public class RulesRunException extends RuntimeException {

    /** Why the run failed. */
    public enum Kind {
        /** The script threw IssueTrackerException or RulesException on purpose: the reason is its message. */
        ABORTED,
        /** The script tried something the sandbox refuses. */
        SANDBOX,
        /** The run took longer than the time bound (or the thread waiting for it was interrupted). */
        TIMEOUT,
        /** The run went over a size or memory limit (a string, collection or number too big, too much allocated). */
        LIMIT,
        /** Any other error in the script (null value, missing property, bad argument, …). */
        ERROR
    }

    private final Direction direction;
    private final Kind kind;
    private final int line;
    private final String reason;

    public RulesRunException(Direction direction, Kind kind, int line, String reason, Throwable cause) {
        super(direction.label() + " rules failed" + (line > 0 ? " at line " + line : "") + ": " + reason, cause);
        this.direction = direction;
        this.kind = kind;
        this.line = line;
        this.reason = reason;
    }

    public Direction direction() {
        return direction;
    }

    public Kind kind() {
        return kind;
    }

    /** Script line where it failed, 0 when unknown. */
    public int line() {
        return line;
    }

    /** The failure without the direction and line prefix (for ABORTED: the script's own message). */
    public String reason() {
        return reason;
    }
}
