package io.twinline.core.rules;

import io.twinline.core.model.Side;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import io.twinline.core.tracker.TrackerCatalogue;
import io.twinline.core.tracker.catalogue.DefaultCatalogues;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * The input of one run: the local ticket, for incoming the replica (and the previous one), plus what the helpers
 * need. Start with {@link #outgoing(Ticket)} or {@link #incoming(Ticket, Replica)} and set what you have; the rest
 * has offline defaults.
 */
public final class RulesRun {
    private final Direction direction;
    private final Ticket entity;
    private final Replica replica;
    private Replica previous;
    private boolean firstSync;
    private ConnectionInfo connection = ConnectionInfo.local(Side.PUBLIC);
    private TrackerCatalogue catalogue = DefaultCatalogues.freshdesk();
    private String trackerUrl;
    private String remoteTrackerUrl;
    private String remoteIssueUrl;
    private Predicate<Ticket> underSync = t -> true;
    private String context = "";

    private RulesRun(Direction direction, Ticket entity, Replica replica) {
        this.direction = direction;
        this.entity = entity;
        this.replica = replica;
    }

    /** Outgoing rules read {@code entity} (the local ticket) and fill a new replica. */
    public static RulesRun outgoing(Ticket entity) {
        return new RulesRun(Direction.OUTGOING, Objects.requireNonNull(entity, "entity"), null);
    }

    /**
     * Incoming rules read {@code replica} and write to the local ticket: {@code entity} is the local ticket, or null
     * on the first sync of a twin (the rules then fill a new, empty one, and {@code firstSync} becomes true).
     */
    public static RulesRun incoming(Ticket entity, Replica replica) {
        RulesRun run = new RulesRun(Direction.INCOMING, entity, Objects.requireNonNull(replica, "replica"));
        run.firstSync = entity == null;
        return run;
    }

    public RulesRun previous(Replica previous) {
        this.previous = previous;
        return this;
    }

    public RulesRun firstSync(boolean firstSync) {
        this.firstSync = firstSync;
        return this;
    }

    public RulesRun connection(ConnectionInfo connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        return this;
    }

    public RulesRun catalogue(TrackerCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        return this;
    }

    public RulesRun urls(String trackerUrl, String remoteTrackerUrl, String remoteIssueUrl) {
        this.trackerUrl = trackerUrl;
        this.remoteTrackerUrl = remoteTrackerUrl;
        this.remoteIssueUrl = remoteIssueUrl;
        return this;
    }

    /** Answers {@code syncHelper.isUnderSync(ticket)}; by default every ticket is. */
    public RulesRun underSync(Predicate<Ticket> underSync) {
        this.underSync = Objects.requireNonNull(underSync, "underSync");
        return this;
    }

    /** Log context, e.g. the connection and twin id. */
    public RulesRun context(String context) {
        this.context = context == null ? "" : context;
        return this;
    }

    public Direction direction() {
        return direction;
    }

    Ticket entity() {
        return entity;
    }

    Replica replica() {
        return replica;
    }

    Replica previous() {
        return previous;
    }

    boolean isFirstSync() {
        return firstSync;
    }

    ConnectionInfo connectionInfo() {
        return connection;
    }

    TrackerCatalogue trackerCatalogue() {
        return catalogue;
    }

    String trackerUrl() {
        return trackerUrl;
    }

    String remoteTrackerUrl() {
        return remoteTrackerUrl;
    }

    String remoteIssueUrl() {
        return remoteIssueUrl;
    }

    Predicate<Ticket> underSyncTest() {
        return underSync;
    }

    String logContext() {
        return context;
    }
}
