package io.twinline.core.rules;

import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Side;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaCodec;
import io.twinline.core.tracker.catalogue.DefaultCatalogues;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The default rules carry a Freshdesk ticket to a Jira issue and back without losing anything they sync. */
class DefaultRulesRoundTripTest {
    private final RulesEngine engine = new RulesEngine();
    private final ConnectionInfo fdSide = new ConnectionInfo("acme-partner", "acme", "partner", Side.PUBLIC, RulesMode.SCRIPT, Map.of());
    private final ConnectionInfo jiraSide = new ConnectionInfo("acme-partner", "partner", "acme", Side.PRIVATE, RulesMode.SCRIPT,
            Map.of("projectKey", "OPS"));

    private Replica outgoing(String tracker, Ticket local) {
        RunResult r = engine.run(DefaultRules.basic(engine, tracker, Direction.OUTGOING), RulesRun.outgoing(local)
                .catalogue(DefaultCatalogues.forTracker(tracker)).connection(tracker.equals("jira") ? jiraSide : fdSide));
        // over the wire
        return ReplicaCodec.readReplica(ReplicaCodec.write(r.replica()));
    }

    private Ticket incoming(String tracker, Ticket local, Replica replica, Replica previous) {
        return engine.run(DefaultRules.basic(engine, tracker, Direction.INCOMING), RulesRun.incoming(local, replica).previous(previous)
                .catalogue(DefaultCatalogues.forTracker(tracker)).connection(tracker.equals("jira") ? jiraSide : fdSide)).entity();
    }

    /** What the tracker does when the agent writes the ticket: new comments and attachments get ids. */
    private static Ticket store(Ticket t, String prefix, String key) {
        Ticket stored = t.copy();
        if (key != null && stored.getKey() == null) {
            stored.setKey(key);
        }
        int n = 1;
        for (Comment c : stored.getComments()) {
            if (c.getId() == null) {
                c.setId(prefix + "c" + n++);
            }
        }
        for (Attachment a : stored.getAttachments()) {
            if (a.getId() == null) {
                a.setId(prefix + "a" + n++);
            }
        }
        return stored;
    }

    private static Ticket freshdeskTicket() {
        Ticket t = new Ticket();
        t.setKey("1042");
        t.setId("1042");
        t.setSummary("Printer on floor 3 rejects every job");
        t.setDescription("<div>Error <b>49</b> on every job</div>");
        t.setStatus(new Status("3", "Pending"));
        t.setPriority(new Priority("4", "Urgent"));
        t.setLabels(List.of("printer", "floor-3"));
        User dana = new User("5001", "Dana Reyes", "dana@example.com", null);
        Comment pub = new Comment("9001", "<div>Rebooted, same error.</div>", dana, Instant.parse("2026-11-20T09:15:00Z"));
        Comment priv = new Comment("9002", "VIP customer", new User("42", "Sam Agent", null, null), Instant.parse("2026-11-20T09:30:00Z"));
        priv.setInternal(true);
        t.setComments(List.of(pub, priv));
        t.setAttachments(List.of(new Attachment("7001", "error-49.jpg", "image/jpeg", 48213, "sha256:" + "ab".repeat(32))));
        return t;
    }

    @Test
    void freshdeskToJiraAndBack() {
        Ticket fd = freshdeskTicket();

        // Freshdesk -> Jira, first sync: the issue is created
        Replica toJira = outgoing("freshdesk", fd);
        Ticket created = incoming("jira", null, toJira, null);
        assertThat(created.getProjectKey()).isEqualTo("OPS");
        assertThat(created.getType().getName()).isEqualTo("Task");
        assertThat(created.getSummary()).isEqualTo(fd.getSummary());
        assertThat(created.getDescription()).isEqualTo("Error *49* on every job"); // Freshdesk HTML as Jira markup
        assertThat(created.getStatus()).isEqualTo(new Status("3", "In Progress"));
        assertThat(created.getPriority()).isEqualTo(new Priority("1", "Highest"));
        assertThat(created.getLabels()).extracting("label").containsExactly("printer", "floor-3");
        assertThat(created.getComments()).singleElement().satisfies(c -> {
            assertThat(c.getBody()).isEqualTo("Dana Reyes wrote:\nRebooted, same error.");
            assertThat(c.getRemoteId()).isEqualTo("9001");
        });
        assertThat(created.getAttachments()).singleElement().satisfies(a -> {
            assertThat(a.getFilename()).isEqualTo("error-49.jpg");
            assertThat(a.getMimeType()).isEqualTo("image/jpeg");
            assertThat(a.getFilesize()).isEqualTo(48213);
            assertThat(a.getHash()).isEqualTo("sha256:" + "ab".repeat(32));
            assertThat(a.getRemoteId()).isEqualTo("7001");
        });
        Ticket jira = store(created, "J", "OPS-1");

        // Jira -> Freshdesk: nothing the Freshdesk side synced is lost or duplicated
        Replica toFd = outgoing("jira", jira);
        Ticket fdAfter = incoming("freshdesk", fd, toFd, null);
        assertThat(fdAfter.getSummary()).isEqualTo(fd.getSummary());
        assertThat(fdAfter.getDescription()).isEqualTo(fd.getDescription());
        assertThat(fdAfter.getStatus()).isEqualTo(fd.getStatus());
        assertThat(fdAfter.getPriority()).isEqualTo(fd.getPriority());
        assertThat(fdAfter.getLabels()).isEqualTo(fd.getLabels());
        assertThat(fdAfter.getComments()).isEqualTo(fd.getComments());
        assertThat(fdAfter.getAttachments()).isEqualTo(fd.getAttachments());

        // and Jira's answer to Freshdesk's answer changes nothing either (no echo)
        Replica toJiraAgain = outgoing("freshdesk", fdAfter);
        Ticket jiraAfter = incoming("jira", jira, toJiraAgain, toJira);
        assertThat(ReplicaCodec.write(jiraAfter)).isEqualTo(ReplicaCodec.write(jira));
    }

    @Test
    void changesMadeInJiraReachFreshdesk() {
        Ticket fd = freshdeskTicket();
        Replica first = outgoing("freshdesk", fd);
        Ticket jira = store(incoming("jira", null, first, null), "J", "OPS-1");

        jira.setStatus(new Status("10001", "Done"));
        jira.setPriority(new Priority("5", "Lowest"));
        jira.setSummary("Printer fixed");
        jira.setLabels(List.of("printer", "fuser"));
        List<Comment> comments = new java.util.ArrayList<>(jira.getComments());
        comments.add(new Comment("J77", "New fuser installed.", new User("jdoe", "Jo Doe", null, "jdoe"), Instant.parse("2026-11-21T10:00:00Z")));
        jira.setComments(comments);

        Ticket fdAfter = incoming("freshdesk", fd, outgoing("jira", jira), null);
        assertThat(fdAfter.getStatus()).isEqualTo(new Status("5", "Closed"));
        assertThat(fdAfter.getPriority()).isEqualTo(new Priority("1", "Low"));
        assertThat(fdAfter.getSummary()).isEqualTo("Printer fixed");
        assertThat(fdAfter.getLabels()).extracting("label").containsExactly("printer", "fuser");
        assertThat(fdAfter.getComments()).extracting(Comment::getBody)
                .containsExactly("<div>Rebooted, same error.</div>", "VIP customer", "<p>Jo Doe wrote:</p><p>New fuser installed.</p>");
    }

    @Test
    void rulesKeepWorkingAfterManyRuns() {
        // the JVM replaces reflective calls into the rules' closures by generated accessors after a few runs:
        // the rules' class loader must let those link
        Ticket fd = freshdeskTicket();
        Replica toJira = outgoing("freshdesk", fd);
        Ticket jira = store(incoming("jira", null, toJira, null), "J", "OPS-1");
        for (int i = 0; i < 300; i++) {
            assertThat(incoming("jira", jira, toJira, toJira).getComments()).hasSize(1);
        }
    }

    @Test
    void basicModeRunsTheSameTextsAsTheDefaultScripts() {
        for (String tracker : List.of("freshdesk", "jira")) {
            for (Direction d : Direction.values()) {
                CompiledRules basic = DefaultRules.forMode(engine, RulesMode.BASIC, tracker, d, "this text is ignored in basic mode");
                assertThat(basic.version()).isEqualTo(engine.compile(d, DefaultRules.text(tracker, d)).version());
            }
        }
    }
}
