package io.twinline.agent.sync;

import io.twinline.core.operations.SyncInstructions;
import io.twinline.core.operations.SyncReport;

/**
 * How an agent reports to connection-service and learns the connection's status, its triggers and the operators'
 * commands: the private agent over its authenticated edge, the public agent over the internal API.
 */
@FunctionalInterface
interface ControlChannel {

    SyncInstructions exchange(SyncReport report);
}
