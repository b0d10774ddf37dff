package io.twinline.core.rules;

import io.twinline.core.model.Ticket;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ordinary Groovy that the sandbox rewrites must keep its meaning. */
class GroovyFeaturesTest {
    private final RulesEngine engine = new RulesEngine();

    private Map<String, Object> run(String script) {
        Ticket t = new Ticket();
        t.setSummary("sum");
        t.setLabels(List.of("a", "b"));
        return engine.run(Direction.OUTGOING, script, RulesRun.outgoing(t)).replica().getCustomKeys();
    }

    @Test
    void compoundAssignmentsOnPropertiesVariablesAndSubscripts() {
        Map<String, Object> k = run("""
                replica.labels += 'x'
                replica.labels += entity.labels
                counter = 1
                counter += 2
                def m = [n: 1]
                m['n'] += 10
                m.n *= 2
                replica.summary ?= 'first'
                replica.summary ?= 'second'
                replica.customKeys.labels = replica.labels*.label.sort()
                replica.customKeys.counter = counter
                replica.customKeys.n = m.n
                replica.customKeys.summary = replica.summary
                """);
        assertThat(k).containsEntry("labels", List.of("a", "b", "x")).containsEntry("counter", 3)
                .containsEntry("n", 22).containsEntry("summary", "first");
    }

    @Test
    void closuresResolveVariablesThroughOwnerAndDelegate() {
        Map<String, Object> k = run("""
                total = 0
                [1, 2, 3].each { total += it }
                entity.with { summary = summary + '!' }
                def nested = { -> [10].collect { x -> [x].collect { y -> y + total } } }
                replica.customKeys.total = total
                replica.customKeys.summary = entity.summary
                replica.customKeys.nested = nested()
                replica.customKeys.tap = [a: 1].tap { put('b', 2) }
                """);
        assertThat(k).containsEntry("total", 6).containsEntry("summary", "sum!")
                .containsEntry("nested", List.of(List.of(16))).containsEntry("tap", Map.of("a", 1, "b", 2));
    }

    @Test
    void safeNavigationSpreadAndDynamicNames() {
        Map<String, Object> k = run("""
                def nobody = null
                replica.customKeys.safe = [nobody?.email, nobody?.toUpperCase(), entity.assignee?.displayName]
                replica.customKeys.spread = entity.labels*.label*.toUpperCase()
                def field = 'sum' + 'mary'
                replica.customKeys.dynamic = entity."$field"
                replica.customKeys.upper = entity."$field"."${'toUpper' + 'Case'}"()
                replica.customKeys.index = entity['summary'][0..1]
                """);
        assertThat(k).containsEntry("safe", java.util.Arrays.asList(null, null, null))
                .containsEntry("spread", List.of("A", "B")).containsEntry("dynamic", "sum")
                .containsEntry("upper", "SUM").containsEntry("index", "su");
    }
}
