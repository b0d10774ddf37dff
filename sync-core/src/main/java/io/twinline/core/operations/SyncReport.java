package io.twinline.core.operations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an agent tells connection-service every report interval (the private agent over its authenticated edge, the
 * public agent inside the public network). Every part is state, not a delta to be replayed, so sending a report twice
 * changes nothing.
 *
 * @param applying          whether the agent applies the replicas coming to it (false while the connection is
 *                          deactivated: they wait on the topic)
 * @param twins             twins whose state changed since the last report (all of them in an agent's first report)
 * @param errors            every parked replica of this side, or null when unchanged since the last report
 * @param bulkSyncs         progress of bulk syncs this agent runs or just finished
 * @param completedCommands commands this agent carried out since its last report
 */
public record SyncReport(boolean applying, List<TwinReport> twins, List<ErrorReport> errors, List<BulkSyncProgress> bulkSyncs,
                         List<CommandResult> completedCommands) {

    public SyncReport {
        twins = twins == null ? List.of() : List.copyOf(twins);
        errors = errors == null ? null : List.copyOf(errors);
        bulkSyncs = bulkSyncs == null ? List.of() : List.copyOf(bulkSyncs);
        completedCommands = completedCommands == null ? List.of() : List.copyOf(completedCommands);
    }

    /** One twin as this side knows it: {@code state} is CREATING, ACTIVE or UNSYNCED. */
    public record TwinReport(String twinId, String localKey, String remoteKey, String state, Instant lastSyncAt) {
    }

    /**
     * One parked replica: {@code parkedId} is the agent's own id for it, {@code direction} and {@code line} name the
     * rules and script line when the rules failed.
     */
    public record ErrorReport(long parkedId, String twinId, String message, String direction, Integer line, int attempts,
                              Instant parkedAt) {
    }

    /** {@code state}: RUNNING, DONE or FAILED; {@code total} is null until the trigger's query answered. */
    public record BulkSyncProgress(UUID bulkSyncId, int done, Integer total, String state, String error) {
    }

    /** The outcome of one command; {@code twinId} names the twin it concerned when there is one. */
    public record CommandResult(UUID commandId, boolean ok, String message, String twinId) {
    }
}
