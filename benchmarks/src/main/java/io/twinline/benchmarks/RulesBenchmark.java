package io.twinline.benchmarks;

import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.replica.Replica;
import io.twinline.core.rules.CompiledRules;
import io.twinline.core.rules.DefaultRules;
import io.twinline.core.rules.Direction;
import io.twinline.core.rules.RulesEngine;
import io.twinline.core.rules.RulesRun;
import io.twinline.core.rules.RunResult;
import io.twinline.core.tracker.catalogue.DefaultCatalogues;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs per second of the default rules, single thread: Freshdesk outgoing on a ticket with 3 comments (one of them
 * private), 2 labels and an attachment; Jira incoming of that replica onto the issue it already created (the
 * steady state: nothing new to merge).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 3, time = 5)
public class RulesBenchmark {
    private RulesEngine engine;
    private CompiledRules outgoing;
    private CompiledRules incoming;
    private Ticket freshdeskTicket;
    private Ticket jiraIssue;
    private Replica replica;

    @Setup
    public void setUp() {
        engine = new RulesEngine();
        outgoing = DefaultRules.basic(engine, "freshdesk", Direction.OUTGOING);
        incoming = DefaultRules.basic(engine, "jira", Direction.INCOMING);
        freshdeskTicket = ticket();
        replica = engine.run(outgoing, outgoingRun()).replica();
        Ticket created = engine.run(incoming, RulesRun.incoming(null, replica).catalogue(DefaultCatalogues.jira())).entity();
        created.setKey("OPS-1");
        int n = 1;
        for (Comment c : created.getComments()) {
            c.setId("J" + n++);
        }
        for (Attachment a : created.getAttachments()) {
            a.setId("J" + n++);
        }
        jiraIssue = created;
    }

    private RulesRun outgoingRun() {
        return RulesRun.outgoing(freshdeskTicket).catalogue(DefaultCatalogues.freshdesk());
    }

    private static Ticket ticket() {
        Ticket t = new Ticket();
        t.setKey("1042");
        t.setId("1042");
        t.setSummary("Printer on floor 3 rejects every job");
        t.setDescription("<div>Since this morning the printer shows <b>Error 49</b> for every job.</div>");
        t.setStatus(new Status("3", "Pending"));
        t.setPriority(new Priority("3", "High"));
        t.setLabels(List.of("printer", "floor-3"));
        User dana = new User("5001", "Dana Reyes", "dana@example.com", null);
        List<Comment> comments = new ArrayList<>();
        comments.add(new Comment("9001", "<div>Rebooted it, same error.</div>", dana, Instant.parse("2026-11-20T09:15:00Z")));
        Comment note = new Comment("9002", "Premium customer", new User("42", "Sam", null, null), Instant.parse("2026-11-20T09:30:00Z"));
        note.setInternal(true);
        comments.add(note);
        comments.add(new Comment("9003", "<div>Any news?</div>", dana, Instant.parse("2026-11-21T08:00:00Z")));
        t.setComments(comments);
        t.setAttachments(List.of(new Attachment("7001", "error-49.jpg", "image/jpeg", 48213, "sha256:" + "ab".repeat(32))));
        return t;
    }

    @Benchmark
    public RunResult defaultOutgoingFreshdesk() {
        return engine.run(outgoing, outgoingRun());
    }

    @Benchmark
    public RunResult defaultIncomingJira() {
        return engine.run(incoming, RulesRun.incoming(jiraIssue, replica).previous(replica).catalogue(DefaultCatalogues.jira()));
    }
}
