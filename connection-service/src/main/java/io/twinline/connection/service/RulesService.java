package io.twinline.connection.service;

import io.twinline.connection.entity.AuditAction;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.twinline.connection.config.ConnectionConfig;
import io.twinline.connection.entity.Connection;
import io.twinline.connection.entity.ConnectionMode;
import io.twinline.connection.entity.RulesVersion;
import io.twinline.connection.repository.ConnectionRepository;
import io.twinline.connection.repository.RulesVersionRepository;
import io.twinline.core.model.Side;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaFormatException;
import io.twinline.core.rules.ConnectionInfo;
import io.twinline.core.rules.DefaultRules;
import io.twinline.core.rules.Direction;
import io.twinline.core.rules.RulesEngine;
import io.twinline.core.rules.RulesMode;
import io.twinline.core.rules.RulesRun;
import io.twinline.core.rules.RunResult;
import io.twinline.core.rules.TestRun;
import io.twinline.core.tracker.catalogue.DefaultCatalogues;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The public side's sync rules of a connection: read, save as a new version after a compile check, list versions,
 * and test-run without any tracker. In SCRIPT mode each direction starts with the default rules as version 1, stored
 * on first use; in BASIC mode the built-in rules are shown and run but cannot be saved.
 *
 * <p>Compile and run failures leave as the rules engine's own {@code RulesCompileException} /
 * {@code RulesRunException}; the REST edge turns them into problems with the line.
 */
@ApplicationScoped
public class RulesService {

    private final AuditService audit;

    private static final Logger LOG = Logger.getLogger(RulesService.class);

    /** The public side's tracker is Freshdesk (docs/architecture.md): its rules start from, and run against, Freshdesk's defaults. */
    static final String PUBLIC_TRACKER = "freshdesk";

    private final ConnectionRepository connections;
    private final RulesVersionRepository versions;
    private final RulesEngine engine;
    private final ConnectionConfig config;

    public RulesService(ConnectionRepository connections, RulesVersionRepository versions, RulesEngine engine,
                        ConnectionConfig config, AuditService audit) {
        this.audit = audit;
        this.connections = connections;
        this.versions = versions;
        this.engine = engine;
        this.config = config;
    }

    /** One version of one direction's rules; {@code editable} is false for the built-in rules of BASIC mode. */
    public record Rules(UUID connectionId, ConnectionMode mode, Direction direction, int version, String script,
                        Instant updatedAt, boolean editable) {
    }

    /** A test run: rules text (null: the saved rules) and the ticket / replica as JSON. */
    public record TestRunInput(String direction, String script, JsonNode entity, JsonNode replica, JsonNode previous,
                               boolean firstSync) {
    }

    /** {@code outgoing} or {@code incoming} from a path; anything else is a resource that does not exist. */
    public static Direction direction(String path) {
        try {
            return TestRun.direction(path);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("rules direction '" + path + "' (outgoing or incoming)");
        }
    }

    public Rules current(UUID connectionId, Direction direction) {
        Connection connection = connection(connectionId);
        if (connection.mode == ConnectionMode.BASIC) {
            return builtIn(connection, direction);
        }
        return QuarkusTransaction.joiningExisting().call(() -> view(connection, currentOrDefault(connection.id, direction)));
    }

    public List<Rules> history(UUID connectionId, Direction direction) {
        Connection connection = connection(connectionId);
        if (connection.mode == ConnectionMode.BASIC) {
            return List.of(builtIn(connection, direction));
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            currentOrDefault(connection.id, direction);
            return versions.history(connection.id, direction).stream().map(v -> view(connection, v)).toList();
        });
    }

    /**
     * Saves the text as the direction's next version once it compiles. Saving the current text again makes no new
     * version, so repeating a PUT is harmless.
     */
    public Rules save(UUID connectionId, Direction direction, String script) {
        Connection connection = connection(connectionId);
        if (connection.mode == ConnectionMode.BASIC) {
            throw ProblemException.conflict("BASIC_MODE", "connection " + connectionId
                    + " is in BASIC mode: its rules are built in and cannot be edited");
        }
        checkText(script);
        // Compiling takes up to a second: do it before the transaction, which holds the connection's lock.
        engine.validate(direction, script);
        return QuarkusTransaction.requiringNew().call(() -> {
            // The lock orders concurrent saves of one connection, so each gets its own next version number.
            Connection locked = connections.findByIdOptional(connectionId, LockModeType.PESSIMISTIC_WRITE)
                    .orElseThrow(() -> ProblemException.notFound("connection " + connectionId));
            RulesVersion current = currentOrDefault(locked.id, direction);
            if (current.script.equals(script)) {
                return view(locked, current);
            }
            RulesVersion saved = persist(locked.id, direction, current.version + 1, script);
            audit.record(AuditAction.RULES_SAVED, connectionId, direction.label() + " rules", "version " + saved.version);
            LOG.infof("connection %s: %s rules version %d saved", connectionId, direction.label(), saved.version);
            return view(locked, saved);
        });
    }

    /**
     * Runs the given (or the saved) rules on the given ticket / replica. No tracker is called and the run stores
     * nothing (reading the saved rules may store the default version 1, as any first read does).
     */
    public RunResult testRun(UUID connectionId, TestRunInput input) {
        Connection connection = connection(connectionId);
        Direction direction;
        try {
            direction = TestRun.direction(input.direction());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("direction", e.getMessage());
        }
        String script = input.script();
        if (script != null) {
            checkText(script);
        } else {
            script = current(connectionId, direction).script();
        }
        Ticket entity = read(() -> TestRun.ticket(input.entity(), "entity"));
        Replica replica = read(() -> TestRun.replica(input.replica(), "replica"));
        Replica previous = read(() -> TestRun.replica(input.previous(), "previous"));
        RulesRun run;
        try {
            run = TestRun.prepare(direction, entity, replica, previous, input.firstSync(),
                    DefaultCatalogues.forTracker(PUBLIC_TRACKER), connectionInfo(connection));
        } catch (TestRun.MissingInputException e) {
            throw ProblemException.invalidField(e.input(), e.reason());
        }
        return engine.run(direction, script, run.context("connection " + connectionId + " test run"));
    }

    private Connection connection(UUID id) {
        return connections.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("connection " + id));
    }

    /** The direction's current version, storing the default rules as version 1 first if there is none yet. */
    private RulesVersion currentOrDefault(UUID connectionId, Direction direction) {
        return versions.current(connectionId, direction).orElseGet(() -> {
            // Two first reads at once would both store version 1: lock, then look again.
            connections.findByIdOptional(connectionId, LockModeType.PESSIMISTIC_WRITE)
                    .orElseThrow(() -> ProblemException.notFound("connection " + connectionId));
            return versions.current(connectionId, direction)
                    .orElseGet(() -> persist(connectionId, direction, 1, DefaultRules.text(PUBLIC_TRACKER, direction)));
        });
    }

    private RulesVersion persist(UUID connectionId, Direction direction, int version, String script) {
        RulesVersion row = new RulesVersion();
        row.id = UUID.randomUUID();
        row.connectionId = connectionId;
        row.direction = direction;
        row.version = version;
        row.script = script;
        // PostgreSQL keeps microseconds: the answer to a save then equals what a later read shows.
        row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        versions.persist(row);
        return row;
    }

    private void checkText(String script) {
        if (script == null || script.isBlank()) {
            throw ProblemException.invalidField("script", "must not be blank");
        }
        if (script.length() > config.rules().maxLength()) {
            throw ProblemException.invalidField("script", "at most " + config.rules().maxLength() + " characters");
        }
    }

    private static <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ReplicaFormatException e) {
            // The codec's messages start with the path of the bad field ("entity.comments[1].created: …").
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            String field = colon < 0 ? "body" : message.substring(0, colon);
            throw ProblemException.invalidField(field, colon < 0 ? message : message.substring(colon + 2));
        }
    }

    private static Rules builtIn(Connection connection, Direction direction) {
        return new Rules(connection.id, connection.mode, direction, 1, DefaultRules.text(PUBLIC_TRACKER, direction),
                connection.createdAt, false);
    }

    private static Rules view(Connection connection, RulesVersion v) {
        return new Rules(connection.id, connection.mode, v.direction, v.version, v.script, v.createdAt, true);
    }

    private static ConnectionInfo connectionInfo(Connection c) {
        return new ConnectionInfo(c.name, c.localName, c.remoteName, Side.PUBLIC,
                RulesMode.valueOf(c.mode.name()), Map.of());
    }
}
