package io.twinline.core.rules;

import io.twinline.core.digest.Sha256;
import io.twinline.core.rules.sandbox.RunGuard;
import io.twinline.core.rules.sandbox.RunWorkers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Compiles and runs sync rules in the sandbox.
 *
 * <pre>{@code
 * RulesEngine engine = new RulesEngine();                       // default limits: 3 s per run, …
 * CompiledRules out = engine.compile(Direction.OUTGOING, text); // cached by content: compiles once per version
 * RunResult r = engine.run(out, RulesRun.outgoing(ticket).catalogue(catalogue).connection(info));
 * r.replica();                                                  // what to send
 * RunResult in = engine.run(engine.compile(Direction.INCOMING, text2),
 *         RulesRun.incoming(localTicketOrNull, replica).previous(previousReplica));
 * in.entity();                                                  // what to write to the tracker
 * }</pre>
 *
 * Thread-safe; one engine per process is enough. Each compile and run happens on a worker thread the caller waits
 * for ({@link RunWorkers}): a run past its time bound or its allocation budget is stopped whatever it is doing, and
 * the caller is free again within the bound plus a short grace ({@link RulesLimits#grace()}). Failures:
 * {@link RulesCompileException} (line, column), {@link RulesRunException} (direction, line, kind).
 */
public final class RulesEngine {
    public static final Duration DEFAULT_TIMEOUT = RulesLimits.DEFAULT_RUN_TIMEOUT;
    private static final int MAX_CACHED = 256;
    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

    private final RulesLimits limits;
    private final RulesCompiler compiler = new RulesCompiler();
    private final RunWorkers workers = new RunWorkers("twinline-rules");
    private final Map<String, CompiledRules> cache = new ConcurrentHashMap<>();

    public RulesEngine() {
        this(RulesLimits.defaults());
    }

    /** Default limits with another time bound per run. */
    public RulesEngine(Duration timeout) {
        this(RulesLimits.defaults().withRunTimeout(timeout));
    }

    /**
     * @param limits time, size and memory bounds of each compile and run (not part of the compiled rules, so engines
     *               with different limits could share them)
     */
    public RulesEngine(RulesLimits limits) {
        this.limits = limits;
    }

    public Duration timeout() {
        return limits.runTimeout();
    }

    public RulesLimits limits() {
        return limits;
    }

    /** How many runs or compiles had to be abandoned because they did not stop by themselves. */
    public int abandonedRuns() {
        return workers.abandonedJobs();
    }

    /** Compiles (or takes from the cache) the rules text for a direction. */
    public CompiledRules compile(Direction direction, String rulesText) {
        if (rulesText == null) {
            throw compileError(direction, "no rules text");
        }
        if (rulesText.length() > limits.maxSourceLength()) {
            throw compileError(direction, "the rules text has " + rulesText.length() + " characters, more than the limit of "
                    + limits.maxSourceLength() + " (maxSourceLength)");
        }
        String version = Sha256.tagged(rulesText.getBytes(StandardCharsets.UTF_8));
        String key = direction + ":" + version;
        CompiledRules cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        CompiledRules compiled;
        long bound = limits.compileTimeout().toNanos();
        try {
            if (!WARM.get()) {
                // trusted code: bounded only loosely, so a cold start on a busy machine does not fail the first compile
                workers.call(() -> warmUp(), TimeUnit.MINUTES.toNanos(5), 0, limits.grace().toNanos());
            }
            compiled = workers.call(() -> compiler.compile(direction, rulesText, version), bound, 0,
                    Math.min(bound / 4, limits.grace().toNanos()));
        } catch (RunWorkers.Abandoned e) {
            throw compileError(direction, e.reason() == RunGuard.StopRequest.INTERRUPTED ? "the compile was interrupted"
                    : "compiling took longer than the limit of " + limits.compileTimeout().toMillis() + " ms (compileTimeout)");
        }
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

    /** Runs compiled rules. Never changes the caller's ticket or replica: the result holds the rules' own copies. */
    public RunResult run(CompiledRules rules, RulesRun run) {
        if (rules.direction() != run.direction()) {
            throw new IllegalArgumentException(rules.direction().label() + " rules cannot run a " + run.direction().label() + " run");
        }
        ScriptRun scriptRun = new ScriptRun(rules, run, limits);
        long grace = limits.grace().toNanos();
        try {
            return workers.call(scriptRun::execute, limits.runTimeout().toNanos() + grace, limits.maxRunAllocation(), grace);
        } catch (RunWorkers.Abandoned e) {
            Direction direction = rules.direction();
            int line = ScriptRun.scriptLine(rules.className(), e.trace());
            throw switch (e.reason()) {
                case MEMORY -> new RulesRunException(direction, RulesRunException.Kind.LIMIT, line, "the run allocated more than "
                        + (limits.maxRunAllocation() >> 20) + " MB (limit maxRunAllocation)", null);
                case INTERRUPTED -> ScriptRun.timeout(direction, line, true, limits, null);
                case ABANDONED -> ScriptRun.timeout(direction, line, false, limits, null);
            };
        }
    }

    /** Compiles (cached) and runs in one call. */
    public RunResult run(Direction direction, String rulesText, RulesRun run) {
        return run(compile(direction, rulesText), run);
    }

    /**
     * Once per JVM, before the first compile: compiles and runs a small script through the sandbox's paths, so that
     * the Groovy compiler's and runtime's cold start (seconds on a busy machine) counts against neither the first
     * compile's time bound nor the first run's.
     */
    private boolean warmUp() {
        if (WARM.compareAndSet(false, true)) {
            String text = "def s = 'a' + 1\ndef l = [1, 2].collect { it * 2 }\ndef m = [a: 1]\nm.b = l.size()\n"
                    + "replica.summary = (entity.summary ?: s).trim() + (s ==~ /a.*/)\nreplica.labels = ['x']";
            try {
                new ScriptRun(compiler.compile(Direction.OUTGOING, text, "warm-up"),
                        RulesRun.outgoing(new io.twinline.core.model.Ticket()), limits.withRunTimeout(limits.compileTimeout())).execute();
            } catch (RuntimeException e) {
                // not worth failing a compile for: the first compile and run pay instead
            }
        }
        return true;
    }

    private static RulesCompileException compileError(Direction direction, String message) {
        return new RulesCompileException(direction, List.of(new RulesCompileException.Problem(0, 0, message)));
    }
}
