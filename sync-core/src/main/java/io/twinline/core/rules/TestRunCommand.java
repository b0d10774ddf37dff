package io.twinline.core.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
            Direction dir;
            try {
                dir = TestRun.direction(direction);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--direction " + e.getMessage());
            }
            var catalogue = DefaultCatalogues.forTracker(tracker);
            String rulesText = read(script, "--script");
            Ticket ticket = entity == null ? null : ReplicaCodec.readTicket(read(entity, "--entity"));
            Replica r = dir == Direction.INCOMING && replica != null ? ReplicaCodec.readReplica(read(replica, "--replica")) : null;
            Replica prev = dir == Direction.INCOMING && previous != null ? ReplicaCodec.readReplica(read(previous, "--previous")) : null;
            Side side = catalogue.trackerType().equals("jira") ? Side.PRIVATE : Side.PUBLIC;
            RulesRun run;
            try {
                run = TestRun.prepare(dir, ticket, r, prev, firstSync, catalogue, ConnectionInfo.local(side));
            } catch (TestRun.MissingInputException e) {
                throw new IllegalArgumentException("--" + e.input() + " " + e.reason());
            }
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
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(TestRun.render(result));
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
