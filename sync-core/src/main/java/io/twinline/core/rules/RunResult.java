package io.twinline.core.rules;

import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;

import java.util.List;

/**
 * What one run of sync rules produced.
 *
 * @param entity   outgoing: the local ticket as read; incoming: the local ticket as the rules left it (a copy: the
 *                 caller's object is never changed) — what to write to the tracker, or to create on first sync
 * @param replica  outgoing: the replica to send; incoming: the replica as received
 * @param log      lines the rules logged
 * @param syncBack the rules asked to send this ticket's replica back after processing
 * @param unsync   the rules asked to stop syncing this twin after processing
 * @param nanos    how long the run took
 */
public record RunResult(Direction direction, Ticket entity, Replica replica, List<RunLog.Entry> log, boolean syncBack,
                        boolean unsync, long nanos) {
}
