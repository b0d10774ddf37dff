package io.twinline.core.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.core.model.Side;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaCodec;
import io.twinline.core.replica.ReplicaFormatException;
import io.twinline.core.tracker.catalogue.DefaultCatalogues;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs one side's rules against a ticket / replica given as JSON, without any tracker, and prints
 * {@code {"entity": …, "replica": …, "log": […]}}. Used by {@code deploy/local/test-rules}.
 *
 * <p>Exit status: 0 when the rules ran; 2 when they failed to compile or run (message and line on stderr); 1 for
 * bad arguments or input files.
 */
public final class TestRunCommand {
    static final String USAGE = "usage: test-rules --direction outgoing|incoming --script FILE --entity FILE.json "
            + "[--replica FILE.json] [--previous FILE.json] [--first-sync] [--tracker freshdesk|jira]";

    private TestRunCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command without {@code System.exit}: returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String direction = null;
        String script = null;
        String entity = null;
        String replica = null;
        String previous = null;
        String tracker = "freshdesk";
        boolean firstSync = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--direction" -> direction = value(args, ++i, "--direction");
                    case "--script" -> script = value(args, ++i, "--script");
                    case "--entity" -> entity = value(args, ++i, "--entity");
                    case "--replica" -> replica = value(args, ++i, "--replica");
                    case "--previous" -> previous = value(args, ++i, "--previous");
                    case "--tracker" -> tracker = value(args, ++i, "--tracker");
                    case "--first-sync" -> firstSync = true;
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (direction == null || script == null) {
                throw new IllegalArgumentException("--direction and --script are required");
            }
            Direction dir = switch (direction.toLowerCase(Locale.ROOT)) {
                case "outgoing" -> Direction.OUTGOING;
                case "incoming" -> Direction.INCOMING;
                default -> throw new IllegalArgumentException("--direction must be outgoing or incoming, not " + direction);
            };
            var catalogue = DefaultCatalogues.forTracker(tracker);
            if (entity == null && !(dir == Direction.INCOMING && firstSync)) {
                throw new IllegalArgumentException("--entity is required (except for an incoming --first-sync run)");
            }
            if (dir == Direction.INCOMING && replica == null) {
                throw new IllegalArgumentException("--replica is required for incoming rules");
            }
            String rulesText = read(script, "--script");
            Ticket ticket = entity == null ? null : ReplicaCodec.readTicket(read(entity, "--entity"));
            RulesRun run;
            if (dir == Direction.OUTGOING) {
                run = RulesRun.outgoing(ticket);
            } else {
                Replica r = ReplicaCodec.readReplica(read(replica, "--replica"));
                run = RulesRun.incoming(ticket, r).firstSync(firstSync);
                if (previous != null) {
                    run.previous(ReplicaCodec.readReplica(read(previous, "--previous")));
                }
            }
            Side side = catalogue.trackerType().equals("jira") ? Side.PRIVATE : Side.PUBLIC;
            run.catalogue(catalogue).connection(ConnectionInfo.local(side)).context("test run");
            RunResult result;
            try {
                result = new RulesEngine().run(dir, rulesText, run);
            } catch (RulesCompileException e) {
                for (RulesCompileException.Problem p : e.problems()) {
                    err.println(script + ": " + dir.label() + " rules, " + p);
                }
                return 2;
            } catch (RulesRunException e) {
                err.println(script + ": " + e.getMessage());
                return 2;
            }
            out.println(render(result));
            return 0;
        } catch (IllegalArgumentException | ReplicaFormatException e) {
            err.println("test-rules: " + e.getMessage());
            err.println(USAGE);
            return 1;
        }
    }

    static String render(RunResult result) {
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
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static String read(String file, String option) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }
}
