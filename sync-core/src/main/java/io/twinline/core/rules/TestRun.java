package io.twinline.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaCodec;
import io.twinline.core.replica.ReplicaFormatException;
import io.twinline.core.tracker.TrackerCatalogue;

import java.util.Locale;

/**
 * A test run of one side's rules without any tracker: the part shared by the command line
 * ({@link TestRunCommand}) and the connection-service's REST test run. Callers read the inputs, {@link #prepare}
 * checks that the direction has what it needs, the engine runs, {@link #render} gives
 * {@code {"entity": …, "replica": …, "log": […]}}.
 */
public final class TestRun {

    private TestRun() {
    }

    /** An input the direction needs is missing; {@link #input()} names it ({@code entity} or {@code replica}). */
    public static final class MissingInputException extends IllegalArgumentException {
        private final String input;

        MissingInputException(String input, String message) {
            super(input + " " + message);
            this.input = input;
        }

        public String input() {
            return input;
        }

        /** The message without the input's name in front. */
        public String reason() {
            return getMessage().substring(input.length() + 1);
        }
    }

    /** {@code outgoing} or {@code incoming}, any case. */
    public static Direction direction(String text) {
        if (text != null) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "outgoing":
                    return Direction.OUTGOING;
                case "incoming":
                    return Direction.INCOMING;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("must be outgoing or incoming, not " + text);
    }

    /**
     * A ticket (or replica) from its JSON form, the field path in error messages starting with {@code field}
     * (e.g. {@code entity.summary: expected text, got number}); null stays null.
     */
    public static Ticket ticket(JsonNode json, String field) {
        if (json == null || json.isNull()) {
            return null;
        }
        Ticket ticket = new Ticket();
        ReplicaCodec.fill(ticket, object(json, field), field);
        return ticket;
    }

    /** Like {@link #ticket}, for a replica. */
    public static Replica replica(JsonNode json, String field) {
        if (json == null || json.isNull()) {
            return null;
        }
        Replica replica = new Replica();
        ReplicaCodec.fill(replica, object(json, field), field);
        return replica;
    }

    private static ObjectNode object(JsonNode json, String field) {
        if (!json.isObject()) {
            throw new ReplicaFormatException(field + ": expected a JSON object, got " + json.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return (ObjectNode) json;
    }

    /**
     * The run for a direction: outgoing needs the entity; incoming needs the replica, and the entity unless it is a
     * first sync (where the rules fill a new ticket). The caller may still set the log context, URLs and so on.
     */
    public static RulesRun prepare(Direction direction, Ticket entity, Replica replica, Replica previous, boolean firstSync,
                                   TrackerCatalogue catalogue, ConnectionInfo connection) {
        if (entity == null && !(direction == Direction.INCOMING && firstSync)) {
            throw new MissingInputException("entity", "is required (except for an incoming first-sync run)");
        }
        RulesRun run;
        if (direction == Direction.OUTGOING) {
            run = RulesRun.outgoing(entity);
        } else {
            if (replica == null) {
                throw new MissingInputException("replica", "is required for incoming rules");
            }
            run = RulesRun.incoming(entity, replica).firstSync(firstSync).previous(previous);
        }
        return run.catalogue(catalogue).connection(connection).context("test run");
    }

    /** {@code {"entity": …, "replica": …, "log": [{level, message}…]}}, plus {@code syncBack}/{@code unsync} when asked for. */
    public static ObjectNode render(RunResult result) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("entity", ReplicaCodec.toNode(result.entity()));
        o.set("replica", ReplicaCodec.toNode(result.replica()));
        ArrayNode log = o.putArray("log");
        for (RunLog.Entry e : result.log()) {
            log.addObject().put("level", e.level()).put("message", e.message());
        }
        if (result.syncBack()) {
            o.put("syncBack", true);
        }
        if (result.unsync()) {
            o.put("unsync", true);
        }
        return o;
    }
}
