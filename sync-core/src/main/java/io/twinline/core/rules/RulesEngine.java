package io.twinline.core.rules;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.Script;
import io.twinline.core.digest.Sha256;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaCodec;
import io.twinline.core.rules.sandbox.RulesClassLoader;
import io.twinline.core.rules.sandbox.SandboxPolicy;
import io.twinline.core.rules.sandbox.SandboxRuntime;
import io.twinline.core.rules.sandbox.SandboxTransformer;
import io.twinline.core.rules.sandbox.SandboxTimeoutException;
import io.twinline.core.rules.sandbox.SandboxViolationException;
import io.twinline.core.rules.sandbox.SourceGuard;
import com.exalate.api.exception.IssueTrackerException;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.SecureASTCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.ast.stmt.SynchronizedStatement;
import org.codehaus.groovy.syntax.SyntaxException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles and runs sync rules in the sandbox.
 *
 * <pre>{@code
 * RulesEngine engine = new RulesEngine();                       // time bound 3 s per run
 * CompiledRules out = engine.compile(Direction.OUTGOING, text); // cached by content: compiles once per version
 * RunResult r = engine.run(out, RulesRun.outgoing(ticket).catalogue(catalogue).connection(info));
 * r.replica();                                                  // what to send
 * RunResult in = engine.run(engine.compile(Direction.INCOMING, text2),
 *         RulesRun.incoming(localTicketOrNull, replica).previous(previousReplica));
 * in.entity();                                                  // what to write to the tracker
 * }</pre>
 *
 * Thread-safe; one engine per process is enough. Failures: {@link RulesCompileException} (line, column),
 * {@link RulesRunException} (direction, line, kind).
 */
public final class RulesEngine {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_CACHED = 256;

    private final Duration timeout;
    private final SandboxPolicy policy = SandboxPolicy.defaultPolicy();
    private final Map<String, CompiledRules> cache = new ConcurrentHashMap<>();
    private final Set<String> globalTransforms;

    public RulesEngine() {
        this(DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout the time bound of one run (checked at every loop iteration, closure call and method entry; it is
     *                not part of the compiled rules, so engines with different bounds could share them)
     */
    public RulesEngine(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        this.globalTransforms = discoverGlobalTransforms();
    }

    public Duration timeout() {
        return timeout;
    }

    /** Compiles (or takes from the cache) the rules text for a direction. */
    public CompiledRules compile(Direction direction, String rulesText) {
        if (rulesText == null) {
            throw new RulesCompileException(direction, List.of(new RulesCompileException.Problem(0, 0, "no rules text")));
        }
        String version = Sha256.tagged(rulesText.getBytes(StandardCharsets.UTF_8));
        String key = direction + ":" + version;
        CompiledRules cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        CompiledRules compiled = doCompile(direction, rulesText, version);
        if (cache.size() >= MAX_CACHED) {
            cache.keySet().stream().findAny().ifPresent(cache::remove); // rules versions rarely change: any victim will do
        }
        CompiledRules raced = cache.putIfAbsent(key, compiled);
        return raced != null ? raced : compiled;
    }

    /** Checks that rules compile, without keeping them (e.g. when an operator saves new rules). */
    public void validate(Direction direction, String rulesText) {
        compile(direction, rulesText);
    }

    private CompiledRules doCompile(Direction direction, String text, String version) {
        String className = direction == Direction.OUTGOING ? "OutgoingRules" : "IncomingRules";
        CompilerConfiguration config = new CompilerConfiguration();
        config.setDisabledGlobalASTTransformations(globalTransforms);
        SecureASTCustomizer secure = new SecureASTCustomizer();
        secure.setPackageAllowed(false);
        secure.setAllowedImports(new ArrayList<>(importable()));
        secure.setAllowedStarImports(List.of());
        secure.setAllowedStaticImports(List.of());
        secure.setAllowedStaticStarImports(List.of());
        secure.setDisallowedStatements(List.of(SynchronizedStatement.class));
        secure.setIndirectImportCheckEnabled(false);
        config.addCompilationCustomizers(
                new SourceGuard(importable()),
                secure,
                new SandboxTransformer(policy));
        try (GroovyClassLoader loader = new GroovyClassLoader(new RulesClassLoader(RulesEngine.class.getClassLoader()), config)) {
            loader.setResourceLoader(filename -> null); // never look for other scripts to compile
            Class<?> type = loader.parseClass(new GroovyCodeSource(text, className, "/twinline/rules"), false);
            var ctor = MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class, Binding.class))
                    .asType(MethodType.methodType(Object.class, Binding.class));
            return new CompiledRules(direction, version, className, ctor);
        } catch (MultipleCompilationErrorsException e) {
            throw new RulesCompileException(direction, problems(e));
        } catch (CompilationFailedException e) {
            throw new RulesCompileException(direction, List.of(new RulesCompileException.Problem(0, 0, e.getMessage())));
        } catch (NoSuchMethodException | IllegalAccessException | IOException e) {
            throw new IllegalStateException("compiled rules have no script constructor", e);
        }
    }

    private Set<String> importable() {
        Set<String> names = new HashSet<>(policy.typeNames());
        names.add("groovy.transform.Field");
        return names;
    }

    private static List<RulesCompileException.Problem> problems(MultipleCompilationErrorsException e) {
        List<RulesCompileException.Problem> out = new ArrayList<>();
        for (Message m : e.getErrorCollector().getErrors()) {
            if (m instanceof SyntaxErrorMessage s) {
                SyntaxException cause = s.getCause();
                out.add(new RulesCompileException.Problem(cause.getLine(), cause.getStartColumn(), cleanMessage(cause.getOriginalMessage())));
            } else if (m instanceof ExceptionMessage x) {
                Exception cause = x.getCause();
                out.add(new RulesCompileException.Problem(0, 0, cleanMessage(cause.getMessage())));
            } else if (m instanceof SimpleMessage s) {
                out.add(new RulesCompileException.Problem(0, 0, cleanMessage(s.getMessage())));
            } else {
                out.add(new RulesCompileException.Problem(0, 0, m.toString()));
            }
        }
        return out;
    }

    private static String cleanMessage(String message) {
        // one line per problem: Groovy quotes the offending input, newlines included
        return message == null ? "" : message.replace("\r", "").strip().replace("\n", "\\n");
    }

    // ---- running ---------------------------------------------------------------------------------------------

    /** Runs compiled rules. Never changes the caller's ticket or replica: the result holds the rules' own copies. */
    public RunResult run(CompiledRules rules, RulesRun run) {
        if (rules.direction() != run.direction()) {
            throw new IllegalArgumentException(rules.direction().label() + " rules cannot run a " + run.direction().label() + " run");
        }
        long start = System.nanoTime();
        Direction direction = rules.direction();
        Ticket entity;
        Replica replica;
        Replica previous;
        if (direction == Direction.OUTGOING) {
            entity = run.entity().copy();
            replica = new Replica();
            previous = null;
        } else {
            entity = run.entity() == null ? new Ticket() : run.entity().copy();
            replica = run.replica().copy();
            previous = run.previous() == null ? new Replica() : run.previous().copy();
            replica.computeCommentChanges(run.previous());
        }
        RunLog log = new RunLog(direction.label() + (run.logContext().isEmpty() ? "" : " " + run.logContext()));
        SyncHelper syncHelper = new SyncHelper(run.trackerUrl(), run.remoteTrackerUrl(), run.remoteIssueUrl(), run.underSyncTest());
        Map<String, Object> vars = new HashMap<>(32);
        vars.put("entity", entity);
        vars.put("issue", entity);
        vars.put("replica", replica);
        vars.put("previous", previous);
        vars.put("firstSync", direction == Direction.INCOMING && run.isFirstSync());
        vars.put("connection", run.connectionInfo());
        vars.put("commentHelper", new CommentHelper(previous));
        vars.put("attachmentHelper", new AttachmentHelper());
        vars.put("nodeHelper", new NodeHelper(run.trackerCatalogue(), entity, replica));
        vars.put("syncHelper", syncHelper);
        vars.put("log", log);
        Binding binding = new Binding(vars);
        SandboxRuntime.startRun(timeout.toNanos());
        try {
            Script script = rules.newScript(binding);
            script.run();
        } catch (Throwable t) {
            SandboxRuntime.endRun();
            throw failure(rules, t);
        }
        String violation = SandboxRuntime.endRun();
        if (violation != null) {
            boolean timedOut = violation.startsWith("the run went past");
            throw new RulesRunException(direction, timedOut ? RulesRunException.Kind.TIMEOUT : RulesRunException.Kind.SANDBOX, 0,
                    violation + " (the rules caught it and went on; the run fails anyway)", null);
        }
        // Scripts may have replaced entity/replica wholesale (entity = …); take what the binding holds now.
        Object finalEntity = binding.getVariable("entity") != entity ? binding.getVariable("entity") : binding.getVariable("issue");
        Object finalReplica = binding.getVariable("replica");
        if (!(finalEntity instanceof Ticket) || !(finalReplica instanceof Replica)) {
            throw new RulesRunException(direction, RulesRunException.Kind.ERROR, 0,
                    "the rules replaced 'entity', 'issue' or 'replica' with something that is not a ticket", null);
        }
        normalize(direction, (Ticket) finalEntity, direction == Direction.OUTGOING ? "entity" : "issue");
        normalize(direction, (Replica) finalReplica, "replica");
        return new RunResult(direction, (Ticket) finalEntity, (Replica) finalReplica, log.entries(),
                syncHelper.syncBackRequested(), syncHelper.unsyncRequested(), System.nanoTime() - start);
    }

    /**
     * Generics are erased at run time, so a script can put a String into the labels or a number into the custom
     * fields: convert what has an obvious meaning, refuse the rest here with a clear message rather than later with a
     * ClassCastException far from the rules.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void normalize(Direction direction, Ticket t, String name) {
        for (Object label : (java.util.Set) t.getLabels()) {
            if (!(label instanceof io.twinline.core.model.Label)) {
                t.setLabels(new ArrayList<>((java.util.Set) t.getLabels()));
                break;
            }
        }
        checkElements(direction, name + ".comments", (List) t.getComments(), io.twinline.core.model.Comment.class,
                "new Comment(body: …) or commentHelper.addComment(…)");
        checkElements(direction, name + ".attachments", (List) t.getAttachments(), io.twinline.core.model.Attachment.class,
                "attachmentHelper.mergeAttachments(…)");
        for (Map.Entry<String, Object> e : ((Map<String, Object>) (Map) t.getCustomFields()).entrySet()) {
            if (e.getValue() != null && !(e.getValue() instanceof io.twinline.core.model.CustomField)) {
                e.setValue(new io.twinline.core.model.CustomField(e.getKey(), null, e.getValue()));
            }
        }
    }

    private static void checkElements(Direction direction, String what, List<Object> list, Class<?> type, String hint) {
        for (Object o : list) {
            if (!(type.isInstance(o))) {
                throw new RulesRunException(direction, RulesRunException.Kind.ERROR, 0, what + " holds a "
                        + (o == null ? "null" : o.getClass().getSimpleName()) + " instead of a " + type.getSimpleName()
                        + " (use " + hint + ")", null);
            }
        }
    }

    /** Compiles (cached) and runs in one call. */
    public RunResult run(Direction direction, String rulesText, RulesRun run) {
        return run(compile(direction, rulesText), run);
    }

    private RulesRunException failure(CompiledRules rules, Throwable t) {
        Direction direction = rules.direction();
        int line = scriptLine(rules.className(), t);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IssueTrackerException || c instanceof RulesException) {
                return new RulesRunException(direction, RulesRunException.Kind.ABORTED, line, String.valueOf(c.getMessage()), c);
            }
            if (c instanceof SandboxViolationException) {
                return new RulesRunException(direction, RulesRunException.Kind.SANDBOX, line, c.getMessage(), c);
            }
            if (c instanceof SandboxTimeoutException timedOut) {
                return new RulesRunException(direction, RulesRunException.Kind.TIMEOUT, line, timedOut.interrupted()
                        ? "the run was interrupted" : "the run took longer than its time bound of " + timeout.toMillis() + " ms", c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        if (t instanceof StackOverflowError) {
            return new RulesRunException(direction, RulesRunException.Kind.ERROR, line, "stack overflow (endless recursion?)", t);
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage().replace(rules.className(), "rules");
        return new RulesRunException(direction, RulesRunException.Kind.ERROR, line, message, t);
    }

    private static int scriptLine(String className, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                String cls = e.getClassName();
                if ((cls.equals(className) || cls.startsWith(className + "$")) && e.getLineNumber() > 0) {
                    return e.getLineNumber();
                }
            }
        }
        return 0;
    }

    /** Global AST transformations on the class path run on every compile unless disabled: disable them all. */
    private static Set<String> discoverGlobalTransforms() {
        Set<String> names = new HashSet<>();
        names.add("groovy.grape.GrabAnnotationTransformation");
        try {
            Enumeration<URL> services = RulesEngine.class.getClassLoader()
                    .getResources("META-INF/services/org.codehaus.groovy.transform.ASTTransformation");
            while (services.hasMoreElements()) {
                try (InputStream in = services.nextElement().openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        String name = line.strip();
                        if (!name.isEmpty() && !name.startsWith("#")) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list global AST transformations", e);
        }
        return Set.copyOf(names);
    }
}
