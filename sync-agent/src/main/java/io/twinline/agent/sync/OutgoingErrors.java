package io.twinline.agent.sync;

import io.twinline.agent.repository.OutgoingFailureLedger;
import io.twinline.agent.repository.TwinLedger;
import io.twinline.core.rules.RulesRunException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Failure isolation on the outgoing path: a ticket whose outgoing rules, send or attachment upload fail becomes a sync
 * error of its twin (listed for operators with the direction and script line, retried with back-off and on request),
 * instead of an exception that would stop the poller's page and every ticket after it.
 */
final class OutgoingErrors {

    private static final Logger LOG = Logger.getLogger(OutgoingErrors.class);
    private static final Duration MAX_DELAY = Duration.ofMinutes(10);

    private final OutgoingFailureLedger failures;
    private final TwinLedger ledger;
    private final Duration firstDelay;

    OutgoingErrors(OutgoingFailureLedger failures, TwinLedger ledger, Duration firstDelay) {
        this.failures = failures;
        this.ledger = ledger;
        this.firstDelay = firstDelay;
    }

    void failed(String twinId, String localKey, RuntimeException failure) {
        String error = SyncEngine.describe(failure);
        Integer line = failure instanceof RulesRunException rules && rules.line() > 0 ? rules.line() : null;
        failures.recordFailure(twinId, localKey, error, line, firstDelay, MAX_DELAY);
        ledger.recordError(twinId, error);
        LOG.warnf("ticket %s (twin %s) not sent, kept as a sync error and retried: %s", localKey, twinId, error);
    }

    void sent(String twinId) {
        failures.clear(twinId);
    }

    /** Errors whose automatic retry is due. */
    List<OutgoingFailureLedger.OutgoingFailure> due() {
        return failures.due(Instant.now());
    }

    List<OutgoingFailureLedger.OutgoingFailure> ofTwin(String twinId) {
        return failures.ofTwin(twinId);
    }
}
