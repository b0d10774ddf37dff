package io.twinline.core.rules;

import io.twinline.core.model.Ticket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.twinline.core.rules.RulesRunException.Kind.LIMIT;
import static io.twinline.core.rules.RulesRunException.Kind.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Scripts that try to exhaust CPU, memory or output: each one is stopped within twice the time bound and fails
 * with a clear rules error, and the engine runs ordinary rules right afterwards. Small limits keep it quick.
 */
class ResourceExhaustionTest {
    private static final Duration BOUND = Duration.ofMillis(1000);
    private static final RulesLimits LIMITS = RulesLimits.defaults().withRunTimeout(BOUND)
            .withMaxStringLength(100_000).withMaxCollectionSize(1_000).withMaxNumberDigits(1_000)
            .withMaxRunAllocation(64L << 20).withMaxLogLines(100).withMaxLogLineLength(200);
    private static final String LIST_OF_BUILDERS = "def l = []; while (true) { l << new StringBuilder(\"y\" * 1000) }";
    private static final String GARBAGE = "while (true) { def s = new StringBuilder(90000) }";
    private static RulesEngine engine;
    /** The same caps with time enough for a busy machine: for the tests that are not about time. */
    private static RulesEngine patient;
    private static CompiledRules ordinary;

    @BeforeAll
    static void setUp() {
        engine = new RulesEngine(LIMITS);
        patient = new RulesEngine(LIMITS.withRunTimeout(Duration.ofSeconds(30)));
        ordinary = engine.compile(Direction.OUTGOING, "replica.summary = entity.summary.toUpperCase() + ' ' + (1..3).sum()");
        for (int i = 0; i < 5; i++) { // warm its call sites up: a first run on a busy machine can take longer than the bound
            Ticket ticket = new Ticket();
            ticket.setSummary("warm");
            try {
                engine.run(ordinary, RulesRun.outgoing(ticket));
            } catch (RulesRunException e) {
                // past the bound while cold: only the warming counts here
            }
        }
    }

    static Stream<Arguments> corpus() {
        String backtrack = "def text = ('a' * 30) + '!'\n"; // ((a+)+)+b takes minutes on it
        return Stream.of(
                // CPU: arithmetic
                Arguments.of("BigInteger power", "replica.summary = (2G**50000000).toString().size()", Set.of(LIMIT), "maxNumberDigits", 1),
                Arguments.of("power through a variable", "def b = 7G\ndef e = 3000000\nreplica.summary = b.power(e)", Set.of(LIMIT), "maxNumberDigits", 3),
                Arguments.of("squaring in a loop", "def x = 3G\nwhile (true) { x = x * x }", Set.of(LIMIT), "maxNumberDigits", 2),
                Arguments.of("shifting a BigInteger", "def x = 1G\nx = x << 100000000", Set.of(LIMIT), "maxNumberDigits", 2),
                Arguments.of("huge number from JSON", "def n = new groovy.json.JsonSlurper().parseText('{\"n\": 1e999999999}').n\n"
                        + "replica.summary = n.toBigInteger()", Set.of(LIMIT), "maxNumberDigits", 2),
                // each boxed Long is garbage: on an idle machine the allocation budget can come first
                Arguments.of("endless arithmetic", "long n = 0\nwhile (true) { n = n + 1 }", Set.of(TIMEOUT, LIMIT), "", 2),
                // CPU: regular expressions
                Arguments.of("backtracking with ==~", backtrack + "replica.summary = text ==~ /((a+)+)+b/", Set.of(TIMEOUT), "time bound", 2),
                Arguments.of("backtracking with =~", backtrack + "replica.summary = (text =~ /((a+)+)+b/).find()", Set.of(TIMEOUT), "time bound", 2),
                Arguments.of("backtracking in String.matches", backtrack + "replica.summary = text.matches('((a+)+)+b')", Set.of(TIMEOUT), "time bound", 2),
                Arguments.of("backtracking in replaceAll", backtrack + "replica.summary = text.replaceAll('((a+)+)+b', 'x')", Set.of(TIMEOUT), "time bound", 2),
                Arguments.of("backtracking in findAll", backtrack + "replica.summary = text.findAll(/((a+)+)+b/)", Set.of(TIMEOUT), "time bound", 2),
                Arguments.of("backtracking in Pattern.matcher", backtrack
                        + "replica.summary = java.util.regex.Pattern.compile('((a+)+)+b').matcher(text).matches()", Set.of(TIMEOUT), "time bound", 2),
                // inside one library call no check is reached: the worker is abandoned and stopped
                Arguments.of("backtracking inside grep", backtrack + "replica.summary = [text].grep(~/((a+)+)+b/)", Set.of(TIMEOUT), "time bound", 2),
                // CPU: ranges and closures
                Arguments.of("summing a huge range", "replica.summary = (1..1000000000).sum()", Set.of(LIMIT), "maxCollectionSize", 1),
                Arguments.of("huge range in a for loop", "int n = 0\nfor (i in 0..<2000000000) { n = n + 1 }", Set.of(LIMIT), "maxCollectionSize", 2),
                Arguments.of("nested ranges", "(1..1000).each { i -> (1..1000).each { j -> (1..1000).each { k -> } } }", Set.of(TIMEOUT, LIMIT), "", 1),
                Arguments.of("nested closures", "def f\nf = { n -> n == 0 ? 1 : (1..5).sum { f(n - 1) } }\nreplica.summary = f(30)", Set.of(TIMEOUT, LIMIT), "", 2),
                Arguments.of("huge collect", "replica.customKeys.all = (1..1000).collect { i -> (1..1000).collect { j -> (1..1000).collect { it * j } } }", Set.of(LIMIT, TIMEOUT), "", 1),
                // memory: strings
                Arguments.of("multiply()", "replica.summary = 'x'.multiply(300000000).size()", Set.of(LIMIT), "maxStringLength", 1),
                Arguments.of("the * operator", "replica.summary = ('x' * 300000000).size()", Set.of(LIMIT), "maxStringLength", 1),
                Arguments.of("repeat()", "replica.summary = 'x'.repeat(300000000).size()", Set.of(LIMIT), "maxStringLength", 1),
                Arguments.of("padLeft()", "replica.summary = 'x'.padLeft(300000000).size()", Set.of(LIMIT), "maxStringLength", 1),
                Arguments.of("a format width", "replica.summary = String.format('%0300000000d', 1)", Set.of(LIMIT), "maxStringLength", 1),
                Arguments.of("doubling a string", "def s = 'x'\nwhile (true) { s = s + s }", Set.of(LIMIT), "maxStringLength", 2),
                Arguments.of("doubling with +=", "def s = 'x'\nwhile (true) { s += s }", Set.of(LIMIT), "maxStringLength", 2),
                Arguments.of("a StringBuilder", "def b = new StringBuilder()\nwhile (true) { b << 'y' * 1000 }", Set.of(LIMIT), "maxStringLength", 2),
                Arguments.of("joining a list", "def l = ['y' * 90000] * 1000\nreplica.summary = l.join()", Set.of(LIMIT), "", 2),
                // memory: collections
                // (which of the two bounds comes first depends on the machine's speed; memoryCapsHoldWhateverTheTimeBound shows the cap)
                Arguments.of("a list of string builders", LIST_OF_BUILDERS, Set.of(LIMIT, TIMEOUT), "", 1),
                Arguments.of("add() in a loop", "def l = []\nwhile (true) { l.add(1) }", Set.of(LIMIT), "maxCollectionSize", 2),
                Arguments.of("a huge map", "def m = [:]\nint i = 0\nwhile (true) { m[i] = i; i = i + 1 }", Set.of(LIMIT), "maxCollectionSize", 3),
                Arguments.of("map put()", "def m = [:]\nint i = 0\nwhile (true) { m.put(i, i); i = i + 1 }", Set.of(LIMIT), "maxCollectionSize", 3),
                Arguments.of("list multiply", "replica.summary = ([1] * 1000000000).size()", Set.of(LIMIT), "maxCollectionSize", 1),
                Arguments.of("assigning far past the end", "def l = []\nl[100000000] = 1", Set.of(LIMIT), "maxCollectionSize", 2),
                Arguments.of("a huge initial capacity", "def l = new ArrayList(1000000000)", Set.of(LIMIT), "maxCollectionSize", 1),
                Arguments.of("nCopies", "replica.summary = Collections.nCopies(1000000000, 'x').size()", Set.of(LIMIT), "maxCollectionSize", 1),
                Arguments.of("allocating garbage", GARBAGE, Set.of(LIMIT, TIMEOUT), "", 1),
                // output
                Arguments.of("println flood", "while (true) { println 'x' * 1000 }", Set.of(TIMEOUT, LIMIT), "", 1),
                Arguments.of("log flood", "while (true) { log.info('y' * 10000) }", Set.of(TIMEOUT, LIMIT), "", 1)
        );
    }

    @AfterEach
    void engineStillRunsOrdinaryRules() {
        Ticket ticket = new Ticket();
        ticket.setSummary("Printer down");
        RunResult r = engine.run(ordinary, RulesRun.outgoing(ticket));
        assertThat(r.replica().getSummary()).isEqualTo("PRINTER DOWN 6");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void containedWithinTwiceTheBound(String name, String script, Set<RulesRunException.Kind> kinds, String message, int line) {
        CompiledRules rules = engine.compile(Direction.OUTGOING, script);
        long start = System.nanoTime();
        try {
            engine.run(rules, RulesRun.outgoing(new Ticket()));
            fail("'" + name + "' ran to completion");
        } catch (RulesRunException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("'%s' stopped after %s ms: %s", name, took.toMillis(), e.getMessage()).isLessThanOrEqualTo(BOUND.multipliedBy(2));
            assertThat(e.kind()).as(e.getMessage()).isIn(kinds);
            assertThat(e.getMessage()).startsWith("outgoing rules failed").contains(message);
            assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
        }
    }

    @Test
    void memoryCapsHoldWhateverTheTimeBound() {
        assertThatThrownBy(() -> patient.run(Direction.OUTGOING, LIST_OF_BUILDERS, RulesRun.outgoing(new Ticket())))
                .isInstanceOfSatisfying(RulesRunException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LIMIT);
                    assertThat(e.getMessage()).containsAnyOf("maxCollectionSize", "maxRunAllocation");
                });
        assertThatThrownBy(() -> patient.run(Direction.OUTGOING, GARBAGE, RulesRun.outgoing(new Ticket())))
                .isInstanceOfSatisfying(RulesRunException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LIMIT);
                    assertThat(e.getMessage()).isEqualTo("outgoing rules failed at line 1: the run allocated more than 64 MB (limit maxRunAllocation)");
                });
    }

    @Test
    void aRunStuckInOneLibraryCallIsAbandonedAndItsWorkerReplaced() {
        int before = engine.abandonedRuns();
        long start = System.nanoTime();
        assertThatThrownBy(() -> engine.run(Direction.OUTGOING, "def text = ('a' * 30) + '!'\nreplica.summary = [text].grep(~/((a+)+)+b/)",
                RulesRun.outgoing(new Ticket())))
                .isInstanceOfSatisfying(RulesRunException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TIMEOUT);
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThanOrEqualTo(BOUND.multipliedBy(2));
        assertThat(engine.abandonedRuns()).isEqualTo(before + 1);
    }

    @Test
    void anOutOfMemoryErrorBecomesARulesError() {
        // no caps at all: the JVM refuses the array itself, on the worker
        RulesEngine uncapped = new RulesEngine(LIMITS.withRunTimeout(Duration.ofSeconds(30))
                .withMaxCollectionSize(Integer.MAX_VALUE).withMaxRunAllocation(0));
        assertThatThrownBy(() -> uncapped.run(Direction.OUTGOING, "def l = new ArrayList(2147483000)", RulesRun.outgoing(new Ticket())))
                .isInstanceOfSatisfying(RulesRunException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LIMIT);
                    assertThat(e.getMessage()).contains("ran out of memory").contains("line 1");
                });
        assertThat(uncapped.run(Direction.OUTGOING, "replica.summary = 'still here'", RulesRun.outgoing(new Ticket()))
                .replica().getSummary()).isEqualTo("still here");
    }

    @Test
    void aLongLogIsCutNotKept() {
        RunResult r = patient.run(Direction.OUTGOING, "300.times { println 'line ' + it }\nreplica.summary = 'done'",
                RulesRun.outgoing(new Ticket()));
        assertThat(r.replica().getSummary()).isEqualTo("done");
        assertThat(r.log()).hasSize(101);
        assertThat(r.log().get(99).message()).isEqualTo("line 99");
        assertThat(r.log().get(100).message()).isEqualTo("200 more log lines dropped (at most 100 per run)");
        RunResult cut = patient.run(Direction.OUTGOING, "log.warn('z' * 1000)", RulesRun.outgoing(new Ticket()));
        assertThat(cut.log().get(0).message()).startsWith("z".repeat(200) + "… (800 more characters)");
    }

    @Test
    void capsLeaveOrdinaryWorkAlone() {
        Ticket ticket = new Ticket();
        ticket.setSummary("x".repeat(50_000));
        RunResult r = patient.run(Direction.OUTGOING, """
                def big = 2G ** 3000
                def words = (1..800).collect { 'w' + it }
                def m = [:]
                words.each { m[it] = it.size() }
                def sb = new StringBuilder()
                100.times { sb << 'abc' }
                def s = ''
                10.times { s += 'ab' }
                replica.summary = entity.summary.size() + ' ' + big.toString().size() + ' ' + words.size() + ' ' + m.size()
                replica.description = sb.size() + ' ' + s + ' ' + ('SUP-12' =~ /SUP-(\\d+)/)[0][1] + ' ' + ('abc' ==~ /a.c/)
                replica.customKeys.split = 'a,b,,c'.split(',').toList()
                replica.customKeys.replaced = 'a1b22c'.replaceAll('[0-9]+', '#') + 'x1y'.replaceFirst(/\\d/, '-')
                replica.customKeys.found = 'a1b22c'.findAll(/\\d+/) + ['a1b22c'.find(/\\d+/)]
                """, RulesRun.outgoing(ticket));
        assertThat(r.replica().getSummary()).isEqualTo("50000 904 800 800");
        assertThat(r.replica().getDescription()).isEqualTo("300 abababababababababab 12 true");
        assertThat(r.replica().getCustomKeys())
                .containsEntry("split", List.of("a", "b", "", "c"))
                .containsEntry("replaced", "a#b#cx-y")
                .containsEntry("found", List.of("1", "22", "1"));
    }

    @Test
    void compilationIsBoundedInSourceSize() {
        RulesEngine small = new RulesEngine(LIMITS.withMaxSourceLength(1_000));
        assertThatThrownBy(() -> small.compile(Direction.INCOMING, "// " + "x".repeat(1_000)))
                .isInstanceOfSatisfying(RulesCompileException.class,
                        e -> assertThat(e.getMessage()).contains("1003 characters").contains("maxSourceLength"));
    }

    @Test
    void compilationIsBoundedInTime() {
        Duration bound = Duration.ofMillis(1000);
        RulesEngine hurried = new RulesEngine(LIMITS.withCompileTimeout(bound).withMaxSourceLength(1_000_000));
        String huge = IntStream.range(0, 10_000).mapToObj(i -> "replica.customKeys.k" + i + " = entity.summary?.trim() ?: 'v" + i + "'")
                .collect(Collectors.joining("\n"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> hurried.compile(Direction.OUTGOING, huge))
                .isInstanceOfSatisfying(RulesCompileException.class,
                        e -> assertThat(e.getMessage()).contains("compiling took longer than the limit of 1000 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThanOrEqualTo(bound.multipliedBy(2));
    }

    @Test
    void theCallerIsFreeWhileTheRunIsStopped() throws Exception {
        // the agent calls the engine under its own lock: the lock is free again within twice the bound
        Object lock = new Object();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CompiledRules stuck = engine.compile(Direction.OUTGOING, "def text = ('a' * 30) + '!'\n[text].grep(~/((a+)+)+b/)");
        Thread agent = new Thread(() -> {
            synchronized (lock) {
                try {
                    engine.run(stuck, RulesRun.outgoing(new Ticket()));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }
        });
        long start = System.nanoTime();
        agent.start();
        agent.join(BOUND.multipliedBy(4).toMillis());
        synchronized (lock) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThanOrEqualTo(BOUND.multipliedBy(2).plusMillis(100));
        }
        assertThat(failure.get()).isInstanceOf(RulesRunException.class);
    }
}
