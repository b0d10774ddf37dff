package io.twinline.core.rules;

import io.twinline.core.model.Ticket;

import java.util.function.Predicate;

/**
 * {@code syncHelper} in sync rules. The sync-back and stop-syncing calls only record an intent on the run result
 * ({@link RunResult#syncBack()}, {@link RunResult#unsync()}); the agent acts on it after the rules ran.
 */
public final class SyncHelper {
    private final String trackerUrl;
    private final String remoteTrackerUrl;
    private final String remoteIssueUrl;
    private final Predicate<Ticket> underSync;
    private boolean syncBack;
    private boolean unsync;

    public SyncHelper(String trackerUrl, String remoteTrackerUrl, String remoteIssueUrl, Predicate<Ticket> underSync) {
        this.trackerUrl = trackerUrl;
        this.remoteTrackerUrl = remoteTrackerUrl;
        this.remoteIssueUrl = remoteIssueUrl;
        this.underSync = underSync;
    }

    /** Send this ticket's replica back after the incoming rules ran (e.g. to return the new key). */
    public void syncBackAfterProcessing() {
        syncBack = true;
    }

    /** Stop syncing this twin after processing; both tickets stay. */
    public void unExalateAfterProcessing() {
        unsync = true;
    }

    /** Same as {@link #unExalateAfterProcessing()}, in Twinline's words. */
    public void unsyncAfterProcessing() {
        unsync = true;
    }

    public boolean isUnderSync(Ticket entity) {
        return entity != null && underSync.test(entity);
    }

    public String getRemoteIssueUrl() {
        return remoteIssueUrl;
    }

    public String getTrackerUrl() {
        return trackerUrl;
    }

    public String getRemoteTrackerUrl() {
        return remoteTrackerUrl;
    }

    boolean syncBackRequested() {
        return syncBack;
    }

    boolean unsyncRequested() {
        return unsync;
    }
}
