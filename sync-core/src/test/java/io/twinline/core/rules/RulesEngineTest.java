package io.twinline.core.rules;

import io.twinline.core.model.Comment;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.replica.Replica;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesEngineTest {
    private final RulesEngine engine = new RulesEngine();

    @Test
    void eachRulesTextCompilesOnceAndRunsFromTheCache() {
        String text = "replica.summary = entity.summary";
        CompiledRules first = engine.compile(Direction.OUTGOING, text);
        assertThat(engine.compile(Direction.OUTGOING, text)).isSameAs(first);
        assertThat(engine.compile(Direction.OUTGOING, text + " ")).isNotSameAs(first);
        assertThat(engine.compile(Direction.INCOMING, text)).isNotSameAs(first);
        assertThat(first.version()).startsWith("sha256:");
        Ticket t = new Ticket();
        t.setSummary("x");
        long start = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            engine.run(first, RulesRun.outgoing(t));
        }
        // a compile costs hundreds of milliseconds; 2000 cached runs must not come near one compile per run
        assertThat((System.nanoTime() - start) / 2000).isLessThan(1_000_000L);
    }

    @Test
    void compileErrorsHaveLineAndColumn() {
        assertThatThrownBy(() -> engine.compile(Direction.INCOMING, "issue.summary = replica.summary\nissue.labels = [\n"))
                .isInstanceOfSatisfying(RulesCompileException.class, e -> {
                    assertThat(e.direction()).isEqualTo(Direction.INCOMING);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isPositive();
                    assertThat(e.getMessage()).startsWith("incoming rules do not compile: line 3, column");
                });
        assertThatThrownBy(() -> engine.compile(Direction.OUTGOING, "replica.summary = 1\n  def x = new java.io.File('x')"))
                .isInstanceOfSatisfying(RulesCompileException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(11);
                });
    }

    @Test
    void runTimeErrorsNameTheDirectionAndTheLine() {
        assertThatThrownBy(() -> engine.run(Direction.INCOMING, "issue.summary = 'a'\n\nissue.summary = replica.assignee.email\n",
                RulesRun.incoming(new Ticket(), new Replica())))
                .isInstanceOfSatisfying(RulesRunException.class, e -> {
                    assertThat(e.direction()).isEqualTo(Direction.INCOMING);
                    assertThat(e.kind()).isEqualTo(RulesRunException.Kind.ERROR);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).isEqualTo("incoming rules failed at line 3: NullPointerException: Cannot get property 'email' on null object");
                });
        assertThatThrownBy(() -> engine.run(Direction.OUTGOING, "def f(x) {\n  x.nope()\n}\nreplica.summary = 'a'\nf('s')",
                RulesRun.outgoing(new Ticket())))
                .isInstanceOfSatisfying(RulesRunException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).startsWith("outgoing rules failed at line 2:").contains("nope");
                });
    }

    @Test
    void throwingTheTrackerExceptionParksWithItsMessage() {
        assertThatThrownBy(() -> engine.run(Direction.INCOMING,
                "if (!replica.projectKey) {\n  throw new com.exalate.api.exception.IssueTrackerException(\"no project for \" + replica.key)\n}",
                RulesRun.incoming(new Ticket(), keyed("FD-7"))))
                .isInstanceOfSatisfying(RulesRunException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesRunException.Kind.ABORTED);
                    assertThat(e.reason()).isEqualTo("no project for FD-7");
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThatThrownBy(() -> engine.run(Direction.INCOMING,
                "import io.twinline.core.rules.RulesException\nthrow new RulesException('customer unknown')",
                RulesRun.incoming(new Ticket(), new Replica())))
                .isInstanceOfSatisfying(RulesRunException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesRunException.Kind.ABORTED);
                    assertThat(e.reason()).isEqualTo("customer unknown");
                });
    }

    private static Replica keyed(String key) {
        Replica r = new Replica();
        r.setKey(key);
        return r;
    }

    @Test
    void bindingsAreThoseOfTheScriptApi() {
        Replica replica = keyed("FD-1");
        replica.setSummary("from remote");
        Replica previous = keyed("FD-1");
        previous.setSummary("before");
        RunResult r = engine.run(Direction.INCOMING, """
                assert entity.is(issue)
                issue.summary = replica.summary + ' / ' + previous.summary + ' / ' + firstSync
                issue.description = connection.name + ' ' + connection.localName + '->' + connection.remoteName + ' ' + connection.side
                log.debug('checked')
                """, RulesRun.incoming(new Ticket(), replica).previous(previous)
                .connection(new ConnectionInfo("acme-partner", "acme", "partner", io.twinline.core.model.Side.PUBLIC, RulesMode.SCRIPT, null)));
        assertThat(r.entity().getSummary()).isEqualTo("from remote / before / false");
        assertThat(r.entity().getDescription()).isEqualTo("acme-partner acme->partner PUBLIC");
        assertThat(r.log()).containsExactly(new RunLog.Entry("DEBUG", "checked"));

        RunResult created = engine.run(Direction.INCOMING, "issue.summary = 'first: ' + firstSync",
                RulesRun.incoming(null, replica));
        assertThat(created.entity().getSummary()).isEqualTo("first: true");
    }

    @Test
    void rawAttributesCustomFieldsAndCustomKeys() {
        Ticket local = new Ticket();
        local.getCustomFields().get("cf_order").setValue("A-17");
        Replica replica = new Replica();
        replica.getCustomKeys().put("customer", "ACME");
        RunResult r = engine.run(Direction.INCOMING, """
                issue.group_id = 7
                issue.customFields."cf_customer".value = replica.customKeys."customer"
                issue.customFields.cf_order.value = issue.customFields."cf_order".value + '-x'
                issue.summary = issue.group_id + 1
                issue.typeName = 'Incident'
                """, RulesRun.incoming(local, replica));
        assertThat(r.entity().getAttributes()).containsEntry("group_id", 7);
        assertThat(r.entity().getCustomFields().get("cf_customer").getValue()).isEqualTo("ACME");
        assertThat(r.entity().getCustomFields().get("cf_order").getValue()).isEqualTo("A-17-x");
        assertThat(r.entity().getSummary()).isEqualTo("8");
        assertThat(r.entity().getType().getName()).isEqualTo("Incident");
        // the caller's ticket is not changed: the result holds the rules' copy
        assertThat(local.getAttributes()).isEmpty();
        assertThat(local.getCustomFields().find("cf_customer")).isNull();
    }

    @Test
    void exalateStyleScriptsRunUnchanged() {
        Replica replica = keyed("1042");
        replica.setSummary("Printer down");
        replica.setDescription("desc");
        replica.setStatus(new Status("2", "Open"));
        replica.setLabels(List.of("printer"));
        Comment c = new Comment("9", "hello", new User("1", "Dana", null, null), Instant.parse("2026-01-01T00:00:00Z"));
        replica.setComments(List.of(c));
        String exalateIncoming = """
                if(firstSync){
                   issue.projectKey   = "OPS"
                   issue.typeName     = nodeHelper.getIssueType(replica.type?.name)?.name ?: "Task"
                }
                issue.summary      = replica.summary
                issue.description  = replica.description
                issue.labels       = replica.labels
                issue.comments     = commentHelper.mergeComments(issue, replica)
                issue.attachments  = attachmentHelper.mergeAttachments(issue, replica)
                def statusMapping = ["Open":"To Do", "Resolved":"Done"]
                def remoteStatusName = replica.status.name
                issue.setStatus(nodeHelper.getStatus(statusMapping[remoteStatusName] ?: remoteStatusName))
                issue.customFields."Customer".value = replica.customKeys."customer" ?: "unknown"
                """;
        RunResult r = engine.run(Direction.INCOMING, exalateIncoming, RulesRun.incoming(null, replica)
                .catalogue(io.twinline.core.tracker.catalogue.DefaultCatalogues.jira()));
        Ticket t = r.entity();
        assertThat(t.getProjectKey()).isEqualTo("OPS");
        assertThat(t.getType().getName()).isEqualTo("Task");
        assertThat(t.getStatus()).isEqualTo(new Status("10000", "To Do"));
        assertThat(t.getComments()).extracting(Comment::getBody).containsExactly("Dana wrote:\nhello");
        assertThat(t.getCustomFields().get("Customer").getValue()).isEqualTo("unknown");
    }

    @Test
    void looseValuesAreConvertedOrRefusedClearly() {
        RunResult r = engine.run(Direction.OUTGOING, """
                replica.labels << 'plain-text'
                replica.customFields.cf_raw = 5
                """, RulesRun.outgoing(new Ticket()));
        assertThat(r.replica().getLabels()).extracting("label").containsExactly("plain-text");
        assertThat(r.replica().getCustomFields().get("cf_raw").getValue()).isEqualTo(5);
        assertThatThrownBy(() -> engine.run(Direction.OUTGOING, "replica.comments << 'hello'", RulesRun.outgoing(new Ticket())))
                .isInstanceOf(RulesRunException.class)
                .hasMessageContaining("replica.comments holds a String instead of a Comment");
    }

    @Test
    void compiledRulesRunConcurrently() throws Exception {
        CompiledRules rules = engine.compile(Direction.OUTGOING, """
                replica.summary = entity.summary.toUpperCase()
                replica.labels = entity.labels.collect { it.label + '-' + entity.key }
                """);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        Ticket ticket = new Ticket();
                        ticket.setKey("T" + thread + "-" + i);
                        ticket.setSummary("s" + i);
                        ticket.setLabels(List.of("a"));
                        RunResult r = engine.run(rules, RulesRun.outgoing(ticket));
                        if (!r.replica().getSummary().equals("S" + i)
                                || !r.replica().getLabels().iterator().next().getLabel().equals("a-T" + thread + "-" + i)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRunNeedsRulesOfItsDirection() {
        CompiledRules out = engine.compile(Direction.OUTGOING, "replica.summary = 'x'");
        assertThatThrownBy(() -> engine.run(out, RulesRun.incoming(new Ticket(), new Replica())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outgoing rules cannot run a incoming run");
    }
}
