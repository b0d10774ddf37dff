package io.twinline.agent.sync;

/**
 * Where crash tests stop the agent at once (as {@code kill -9} would): right after the tracker created a ticket, or
 * added a mirrored comment, and before the ledger recorded it. Both do nothing unless fault injection asks for them.
 */
public record CrashPoints(Runnable afterCreate, Runnable afterComment) {

    public static CrashPoints none() {
        return new CrashPoints(() -> { }, () -> { });
    }
}
