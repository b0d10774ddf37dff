package io.twinline.core.rules;

import io.twinline.core.model.Ticket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tries to get out of the sandbox in many ways; each attempt must fail with a clear error (at compile time with line
 * and column, or at run time with the line), while ordinary rules keep working.
 */
class SandboxEscapeTest {
    private static final Path MARKER = Path.of(System.getProperty("java.io.tmpdir"), "twinline-sandbox-escaped");
    private static RulesEngine engine;

    @BeforeAll
    static void setUp() throws Exception {
        engine = new RulesEngine(Duration.ofMillis(500));
        Files.deleteIfExists(MARKER);
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                // processes
                Arguments.of("String.execute", "'touch " + MARKER + "'.execute()", "execute"),
                Arguments.of("execute with a name built at run time", "def m = 'exe' + 'cute'\n'touch " + MARKER + "'.\"$m\"()", "execute"),
                Arguments.of("ProcessBuilder", "new ProcessBuilder('touch', '" + MARKER + "').start()", "ProcessBuilder"),
                Arguments.of("Runtime.exec", "Runtime.getRuntime().exec('touch " + MARKER + "')", "Runtime"),
                Arguments.of("fully qualified Runtime", "java.lang.Runtime.getRuntime().exec('id')", "Runtime"),
                // System
                Arguments.of("System.exit", "System.exit(1)", "System"),
                Arguments.of("System.getenv", "replica.summary = System.getenv('HOME')", "System"),
                Arguments.of("System.getProperty through a variable", "def s = System\nreplica.summary = s.getProperty('user.home')", "System"),
                Arguments.of("method pointer System.&exit", "def exit = System.&exit\nexit(1)", "method pointer"),
                Arguments.of("method reference", "def f = String::valueOf\nf(1)", "method pointer"),
                // files and network
                Arguments.of("new File", "new File('/etc/passwd').text", "File"),
                Arguments.of("fully qualified File", "replica.summary = new java.io.File('/etc/passwd').text", "File"),
                Arguments.of("new URL().text", "replica.summary = new URL('http://127.0.0.1:9/').text", "URL"),
                Arguments.of("String.toURL", "replica.summary = 'http://127.0.0.1:9/'.toURL().text", "toURL"),
                Arguments.of("java.nio Files", "java.nio.file.Files.readAllLines(java.nio.file.Path.of('/etc/passwd'))", "java.nio"),
                // reflection and class loading
                Arguments.of("this.class", "replica.summary = this.class.name", "class"),
                Arguments.of("getClass().classLoader", "getClass().classLoader.loadClass('java.lang.Runtime')", "classLoader"),
                Arguments.of("entity.getClass()", "entity.getClass()", "getClass"),
                Arguments.of("dynamic property name this.\"class\"", "def n = 'cla' + 'ss'\nthis.\"$n\".classLoader", "class"),
                Arguments.of("dynamic property on a ticket", "def n = 'cla' + 'ss'\nentity.\"$n\"", "class"),
                Arguments.of("subscript ['class']", "entity['cl' + 'ass']", "class"),
                Arguments.of("Class.forName", "Class.forName('java.lang.Runtime')", "forName"),
                Arguments.of("class literal kept in a variable", "def c = String\nc.forName('java.lang.Runtime')", "forName"),
                Arguments.of("string coerced to Class", "def c = 'java.lang.Runtime' as Class", "Class"),
                Arguments.of("typed Class variable", "Class c = 'java.lang.Runtime'", "Class"),
                Arguments.of("java.lang.reflect", "java.lang.reflect.Method m = null", "reflect"),
                Arguments.of("the test-run helper", "io.twinline.core.rules.TestRun t = null", "TestRun"),
                Arguments.of("metaClass on a value", "''.metaClass.foo = { -> 1 }", "metaClass"),
                Arguments.of("metaClass via dynamic name", "def n = 'meta' + 'Class'\nentity.\"$n\"", "metaClass"),
                Arguments.of("metaClass as a variable", "metaClass", "metaClass"),
                Arguments.of("invokeMethod", "''.invokeMethod('execute', null)", "invokeMethod"),
                Arguments.of("invokeMethod with a built name", "def n = 'invoke' + 'Method'\n'id'.\"$n\"('execute', null)", "invokeMethod"),
                Arguments.of("properties map", "entity.properties", "properties"),
                // closures
                Arguments.of("closure owner", "def c = { -> owner }\nc()", "owner"),
                Arguments.of("closure delegate property", "def c = { -> 1 }\nc.delegate = 'id'\nc()", "delegate"),
                Arguments.of("with{} and an implicit execute()", "'touch " + MARKER + "'.with { execute() }", "execute"),
                Arguments.of("with{} and a name built at run time", "def n = 'exe' + 'cute'\n'touch " + MARKER + "'.with { \"$n\"() }", "execute"),
                Arguments.of("with{} on the script", "this.with { evaluate('1') }", "evaluate"),
                Arguments.of("rehydrate", "def c = { -> execute() }\nc.rehydrate('id', 'id', 'id')()", "rehydrate"),
                // other interpreters
                Arguments.of("evaluate", "evaluate('System.exit(1)')", "evaluate"),
                Arguments.of("evaluate via a built name", "def n = 'eval' + 'uate'\n\"$n\"('System.exit(1)')", "evaluate"),
                Arguments.of("new GroovyShell", "new GroovyShell().evaluate('1')", "GroovyShell"),
                Arguments.of("Eval.me", "Eval.me('1')", "Eval"),
                Arguments.of("binding", "binding.variables", "binding"),
                // compile-time code
                Arguments.of("@Grab", "@Grab('org.example:evil:1.0')\nimport org.example.Evil\nnew Evil()", "Grab"),
                Arguments.of("@ASTTest", "@groovy.transform.ASTTest(value = { System.exit(1) })\ndef x = 1", "ASTTest"),
                Arguments.of("static import", "import static java.lang.System.exit\nexit(1)", "static import"),
                Arguments.of("star import", "import java.io.*\n1", "star import"),
                Arguments.of("class declaration", "class Evil { static { System.exit(1) } }\n1", "class"),
                Arguments.of("anonymous class", "def r = new Object() { String toString() { 'x' } }", "class"),
                Arguments.of("@ASTTest on a method parameter", "def f(@groovy.transform.ASTTest(value = { System.exit(1) }) x) { x }\nf(1)", "ASTTest"),
                Arguments.of("@ASTTest on a local variable in a closure", "[1].each { @groovy.transform.ASTTest(value = { System.exit(1) }) def y = it }", "ASTTest"),
                Arguments.of("default parameter value", "def f(x = System.exit(1)) { x }\nf()", "System"),
                Arguments.of("closure parameter default value", "def c = { x = Runtime.getRuntime() -> x }\nc()", "Runtime"),
                Arguments.of("@Field initializer", "import groovy.transform.Field\n@Field def p = 'id'.execute()\n1", "execute"),
                Arguments.of("the script's own main", "OutgoingRules.main(null)", "main"),
                Arguments.of("JSON builder closure delegate", "groovy.json.JsonOutput.toJson({ -> execute() })", "execute"),
                Arguments.of("permutations as a denial of service", "(1..12).toList().permutations()", "permutations"),
                // threads
                Arguments.of("Thread", "new Thread({ -> 1 }).start()", "Thread"),
                Arguments.of("Thread.start", "Thread.start { 1 }", "Thread"),
                Arguments.of("sleep", "sleep(100000)", "sleep"),
                // catching the refusal does not help
                Arguments.of("refusal caught and ignored", "try { def n = 'exe' + 'cute'; 'id'.\"$n\"() } catch (Throwable t) { }\nreplica.summary = 'went on'", "execute"),
                // time bound
                Arguments.of("endless loop", "while (true) { }", "time bound"),
                Arguments.of("endless loop catching the timeout", "while (true) { try { while (true) { } } catch (Throwable t) { } }", "time bound"),
                Arguments.of("timeout caught, then finishing normally", "try { while (true) { } } catch (Throwable t) { }\nreplica.summary = 'finished'", "time bound"),
                Arguments.of("endless closure recursion through each", "def f\nf = { [1].each { f() } }\nf()", "")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void escapeFails(String name, String script, String expectedInMessage) throws Exception {
        Ticket ticket = new Ticket();
        ticket.setSummary("s");
        try {
            RunResult r = engine.run(Direction.OUTGOING, script, RulesRun.outgoing(ticket));
            fail("escape '" + name + "' was not stopped; replica summary: " + r.replica().getSummary());
        } catch (RulesCompileException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.line()).as("compile error has a line: %s", e.getMessage()).isPositive();
            assertThat(e.getMessage()).containsIgnoringCase(expectedInMessage);
        } catch (RulesRunException e) {
            assertThat(e.getMessage()).startsWith("outgoing rules failed");
            assertThat(e.getMessage()).containsIgnoringCase(expectedInMessage);
        }
        assertThat(MARKER).as("no process ran").doesNotExist();
    }

    @Test
    void runTimeRefusalNamesTheLine() {
        String script = "replica.summary = 'a'\n\ndef n = 'exe' + 'cute'\n'id'.\"$n\"()\n";
        assertThatThrownBy(() -> engine.run(Direction.OUTGOING, script, RulesRun.outgoing(new Ticket())))
                .isInstanceOfSatisfying(RulesRunException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesRunException.Kind.SANDBOX);
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("outgoing rules failed at line 4").contains("execute");
                });
    }

    @Test
    void timeBoundIsConfigurableAndReported() {
        RulesEngine fast = new RulesEngine(Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThatThrownBy(() -> fast.run(Direction.OUTGOING, "int i = 0\nwhile (true) { i++ }", RulesRun.outgoing(new Ticket())))
                .isInstanceOfSatisfying(RulesRunException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesRunException.Kind.TIMEOUT);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("200 ms");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void interruptingTheThreadStopsTheRun() throws Exception {
        RulesEngine slow = new RulesEngine(Duration.ofMinutes(5));
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                slow.run(Direction.OUTGOING, "while (true) { }", RulesRun.outgoing(new Ticket()));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        runner.start();
        Thread.sleep(300);
        runner.interrupt();
        runner.join(5000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOfSatisfying(RulesRunException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(RulesRunException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("outgoing rules failed at line 1: the run was interrupted");
                });
    }

    @Test
    void timeBoundStartsWithEachRunNotWithTheCompile() throws Exception {
        // (a bound that a first, cold run makes on a busy machine; each sleep is longer than the bound)
        RulesEngine fast = new RulesEngine(Duration.ofMillis(1000));
        CompiledRules rules = fast.compile(Direction.OUTGOING, "int n = 0\nfor (int i = 0; i < 10; i++) { n += i }\nreplica.summary = 'n=' + n");
        Thread.sleep(1200);
        assertThat(fast.run(rules, RulesRun.outgoing(new Ticket())).replica().getSummary()).isEqualTo("n=45");
        Thread.sleep(1200);
        assertThat(fast.run(rules, RulesRun.outgoing(new Ticket())).replica().getSummary()).isEqualTo("n=45");
    }

    @Test
    void ordinaryRulesStillRun() {
        Ticket ticket = new Ticket();
        ticket.setSummary("Printer down");
        ticket.setLabels(java.util.List.of("a", "b"));
        ticket.getCustomFields().get("cf_order").setValue(41);
        String script = """
                import io.twinline.core.model.Comment
                import groovy.transform.Field
                @Field int base = 1
                def shout(String s) { s.toUpperCase() + '!' }
                replica.summary = shout(entity.summary)
                replica.labels = entity.labels.findAll { it.label != 'b' }
                replica.customKeys.order = entity.customFields."cf_order".value + base
                replica.customKeys.words = entity.summary.tokenize().collect { it.size() }
                def m = [x: 1]; m.y = 2; m['z'] = 3
                replica.customKeys.map = m
                replica.customKeys.sum = (1..10).sum()
                replica.customKeys.when = java.time.Instant.parse('2026-01-01T00:00:00Z').plusSeconds(60).toString()
                replica.customKeys.json = groovy.json.JsonOutput.toJson([a: 1])
                replica.customKeys.parsed = new groovy.json.JsonSlurper().parseText('{"b":2}').b
                entity.with { replica.description = summary.reverse() }
                replica.comments = [new Comment(body: 'hello')]
                replica.customKeys.matched = ('SUP-12' =~ /SUP-(\\d+)/)[0][1]
                def total = 0
                for (int i = 0; i < 5; i++) { total += i }
                replica.customKeys.total = total
                replica.customKeys.safe = entity.assignee?.email ?: 'nobody'
                replica.customKeys.spread = entity.labels*.label
                println "done"
                """;
        RunResult r = new RulesEngine().run(Direction.OUTGOING, script, RulesRun.outgoing(ticket));
        assertThat(r.replica().getSummary()).isEqualTo("PRINTER DOWN!");
        assertThat(r.replica().getLabels()).extracting("label").containsExactly("a");
        assertThat(r.replica().getCustomKeys())
                .containsEntry("order", 42)
                .containsEntry("words", java.util.List.of(7, 4))
                .containsEntry("sum", 55)
                .containsEntry("when", "2026-01-01T00:01:00Z")
                .containsEntry("json", "{\"a\":1}")
                .containsEntry("parsed", 2)
                .containsEntry("matched", "12")
                .containsEntry("total", 10)
                .containsEntry("safe", "nobody")
                .containsEntry("spread", java.util.List.of("a", "b"));
        assertThat(r.replica().getDescription()).isEqualTo("nwod retnirP");
        assertThat(r.replica().getComments()).extracting("body").containsExactly("hello");
        assertThat(r.log()).extracting(RunLog.Entry::message).containsExactly("done");
    }
}
