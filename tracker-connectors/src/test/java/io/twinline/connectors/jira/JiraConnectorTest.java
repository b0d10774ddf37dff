package io.twinline.connectors.jira;

import io.twinline.connectors.SimulatorFixture;
import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.CustomField;
import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.tracker.TicketUpdate;
import io.twinline.core.tracker.TrackerException;
import io.twinline.core.tracker.TwinMarker;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Jira DC connector against the simulator over real HTTP. */
class JiraConnectorTest extends SimulatorFixture {

    private static final java.util.UUID CONNECTION = java.util.UUID.fromString("0f4c2a9e-1b2d-4c3e-8f5a-6b7c8d9e0a1b");

    JiraConnector basic(String user, String password) {
        return new JiraConnector(JiraConfig.basic(sim.baseUrl(), user, password).defaultProject("TEST")
                .clock(sim.clock()).sleeper(advancingSleeper).build());
    }

    JiraConnector token() {
        return new JiraConnector(JiraConfig.token(sim.baseUrl(), "demo-token").defaultProject("TEST")
                .clock(sim.clock()).sleeper(advancingSleeper).build());
    }

    Ticket newIssue(String summary) {
        Ticket t = new Ticket();
        t.setSummary(summary);
        t.setDescription("h2. " + summary);
        t.setType(IssueType.named("Bug"));
        t.setPriority(Priority.named("High"));
        t.setLabels(List.of("customer", "sync"));
        t.setAssignee(new User(null, null, "jdoe@jira.example", null));
        t.getCustomFields().put("customfield_10200", new CustomField("customfield_10200", null, "retail"));
        t.getCustomFields().put("customfield_10300", new CustomField("customfield_10300", null, "ORD-42"));
        return t;
    }

    @Test
    void createsReadsUpdatesAndMovesStatusThroughTransitions() {
        try (JiraConnector jira = basic("admin", "admin")) {
            Ticket t = newIssue("Payment fails");
            t.setStatus(Status.named("In Progress"));
            Ticket created = jira.create(t, TwinMarker.of(CONNECTION, "tw-7"));
            assertThat(created.getKey()).isEqualTo("TEST-3");
            assertThat(created.getProjectKey()).isEqualTo("TEST");
            assertThat(created.getType().getName()).isEqualTo("Bug");
            assertThat(created.getPriority()).isEqualTo(new Priority("2", "High"));
            assertThat(created.getStatus().getName()).isEqualTo("In Progress");
            assertThat(created.getLabels()).contains(new Label("customer"), new Label(TwinMarker.of(CONNECTION, "tw-7").label()));
            assertThat(created.getAssignee().getUsername()).isEqualTo("jdoe");
            assertThat(created.getReporter().getUsername()).isEqualTo("admin");
            assertThat(created.getCustomFields().valueOf("customfield_10200")).isEqualTo("retail");
            assertThat(created.getCustomFields().get("customfield_10200").getType()).isEqualTo("option");
            assertThat(created.getCustomFields().valueOf("customfield_10300")).isEqualTo("ORD-42");
            assertThat(created.getCreated()).isEqualTo(sim.clock().instant());

            sim.clock().advance(Duration.ofSeconds(61));
            Ticket updated = jira.update(created.getKey(), new TicketUpdate().summary("Payment fails on Mondays")
                    .labels(List.of(new Label("customer"), new Label("weekly"))).priority(new Priority("1", null))
                    .status(Status.named("Resolved")).customField("customfield_10200", "finance").assignee(null));
            assertThat(updated.getSummary()).isEqualTo("Payment fails on Mondays");
            assertThat(updated.getLabels()).containsExactlyInAnyOrder(new Label("customer"), new Label("weekly"), new Label(TwinMarker.of(CONNECTION, "tw-7").label()));
            assertThat(updated.getPriority().getName()).isEqualTo("Highest");
            assertThat(updated.getStatus().getName()).isEqualTo("Resolved");
            assertThat(updated.getAttributes()).containsEntry("resolution", "Fixed");
            assertThat(updated.getCustomFields().valueOf("customfield_10200")).isEqualTo("finance");
            assertThat(updated.getAssignee()).isNull();
            assertThat(updated.getUpdated()).isEqualTo(sim.clock().instant());

            // Resolved → In Progress has no transition in this workflow: a clear error, nothing changed
            assertThatThrownBy(() -> jira.update(created.getKey(), new TicketUpdate().status(Status.named("In Progress"))))
                    .isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.CONFLICT))
                    .hasMessageContaining("cannot move from 'Resolved' to 'In Progress'").hasMessageContaining("Reopen Issue");
            assertThat(jira.update(created.getKey(), new TicketUpdate().status(Status.named("Reopened"))).getStatus().getName())
                    .isEqualTo("Reopened");
            assertThat(jira.find("TEST-999")).isEmpty();
        }
    }

    @Test
    void restrictedCommentsAreInternal() {
        try (JiraConnector jira = token()) {
            Comment internal = new Comment();
            internal.setBody("only devs");
            internal.setInternal(true);
            Comment added = jira.addComment("TEST-1", internal);
            assertThat(added.isInternal()).isTrue();
            Comment pub = new Comment();
            pub.setBody("everyone");
            Comment addedPublic = jira.addComment("TEST-1", pub);
            assertThat(addedPublic.isInternal()).isFalse();
            added.setBody("only devs, edited");
            Comment edited = jira.editComment("TEST-1", added);
            assertThat(edited.getBody()).isEqualTo("only devs, edited");
            assertThat(edited.isInternal()).isTrue();
            Ticket t = jira.get("TEST-1");
            assertThat(t.getComments()).extracting(Comment::getBody).containsExactly("only devs, edited", "everyone");
            assertThat(t.getComments().get(0).getAuthor().getUsername()).isEqualTo("admin");
            jira.deleteComment("TEST-1", addedPublic.getId());
            assertThat(jira.get("TEST-1").getComments()).hasSize(1);
        }
    }

    @Test
    void attachmentsCarryTheXsrfHeaderAndRespectTheLimit() {
        try (JiraConnector jira = basic("admin", "admin")) {
            byte[] bytes = "log line".getBytes(StandardCharsets.UTF_8);
            Attachment a = jira.addAttachment("TEST-2", "server.log", "text/plain", bytes);
            assertThat(a.getFilename()).isEqualTo("server.log");
            assertThat(a.getFilesize()).isEqualTo(bytes.length);
            assertThat(jira.get("TEST-2").getAttachments()).extracting(Attachment::getId).containsExactly(a.getId());
            assertThat(jira.downloadAttachment("TEST-2", a)).isEqualTo(bytes);
            sim.jira().setUploadLimit(4);
            assertThatThrownBy(() -> jira.addAttachment("TEST-2", "big.log", "text/plain", bytes))
                    .isInstanceOf(TrackerException.class).hasMessageContaining("HTTP 413")
                    .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.VALIDATION));
            jira.deleteAttachment("TEST-2", a.getId());
            assertThat(jira.get("TEST-2").getAttachments()).isEmpty();
        }
    }

    @Test
    void lookupsSearchAndTwinMarkers() {
        try (JiraConnector jira = basic("admin", "admin")) {
            assertThat(jira.catalogue().status("in progress")).contains(new Status("3", "In Progress"));
            assertThat(jira.catalogue().priorities()).extracting(Priority::getName).contains("Highest", "Lowest");
            assertThat(jira.catalogue().issueType("story")).isPresent();
            assertThat(jira.catalogue().userByEmail("jdoe@jira.example").map(User::getUsername)).contains("jdoe");
            assertThat(jira.catalogue().userByUsername("nobody")).isEmpty();
            assertThat(jira.catalogue().label("two words")).contains(new Label("two_words"));
            assertThat(jira.fields()).anySatisfy(f -> {
                assertThat(f.id()).isEqualTo("customfield_10100");
                assertThat(f.custom()).isTrue();
            });
            String key = jira.create(newIssue("marked"), TwinMarker.of(CONNECTION, "m-1")).getKey();
            assertThat(jira.search("project = TEST AND labels = sync ORDER BY key ASC")).extracting(Ticket::getKey).containsExactly(key);
            assertThat(jira.search("project = OPS")).extracting(Ticket::getKey).containsExactly("OPS-1");
            assertThat(jira.findByTwinMarker(TwinMarker.of(CONNECTION, "m-1")).map(Ticket::getKey)).contains(key);
            assertThat(jira.findByTwinMarker(TwinMarker.of(CONNECTION, "m-2"))).isEmpty();
            // The same twin id named by another connection finds nothing: markers are scoped to their connection.
            assertThat(jira.findByTwinMarker(TwinMarker.of(java.util.UUID.randomUUID(), "m-1"))).isEmpty();
            assertThatThrownBy(() -> jira.search("project = NOPE")).isInstanceOf(TrackerException.class)
                    .hasMessageContaining("HTTP 400").hasMessageContaining("'NOPE' does not exist");
        }
    }

    @Test
    void theTwinMarkerCanBeAnIssueProperty() {
        try (JiraConnector jira = new JiraConnector(JiraConfig.basic(sim.baseUrl(), "admin", "admin").defaultProject("TEST")
                .twinMarkerProperty("twinline.twin").clock(sim.clock()).sleeper(advancingSleeper).build())) {
            Ticket created = jira.create(newIssue("property marker"), TwinMarker.of(CONNECTION, "p-1"));
            assertThat(created.getLabels()).noneMatch(l -> l.getLabel().startsWith("twinline-"));
            assertThat(jira.findByTwinMarker(TwinMarker.of(CONNECTION, "p-1")).map(Ticket::getKey)).contains(created.getKey());
            assertThat(jira.findByTwinMarker(TwinMarker.of(CONNECTION, "p-2"))).isEmpty();
            assertThat(jira.findByTwinMarker(TwinMarker.of(java.util.UUID.randomUUID(), "p-1"))).isEmpty();
            assertThat(jira.getJson("read property", "/rest/api/2/issue/" + created.getKey() + "/properties/twinline.twin")
                    .path("value").path("twinId").asText()).isEqualTo(TwinMarker.of(CONNECTION, "p-1").value());
        }
    }

    @Test
    void validationErrorsNameTheField() {
        try (JiraConnector jira = basic("admin", "admin")) {
            Ticket t = newIssue("bad");
            t.getCustomFields().put("customfield_10200", new CustomField("customfield_10200", null, "mars"));
            assertThatThrownBy(() -> jira.create(t, null)).isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).fieldErrors()).containsKey("customfield_10200"));
            Ticket noProject = newIssue("no project");
            try (JiraConnector bare = new JiraConnector(JiraConfig.basic(sim.baseUrl(), "admin", "admin")
                    .clock(sim.clock()).sleeper(advancingSleeper).build())) {
                assertThatThrownBy(() -> bare.create(noProject, null)).hasMessageContaining("needs a project");
            }
        }
    }

    @Test
    void aLoginLockOutStopsRetryingAtOnce() {
        try (JiraConnector wrong = basic("jdoe", "not-the-password")) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> wrong.get("TEST-1")).isInstanceOf(TrackerException.class)
                        .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.AUTHENTICATION))
                        .hasMessageNotContaining("not-the-password");
            }
            long before = sim.counters().total("jira");
            assertThatThrownBy(() -> wrong.get("TEST-1")).isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.LOCKED_OUT))
                    .hasMessageContaining("CAPTCHA").hasMessageContaining("Not retrying");
            // exactly one request: no hammering that would raise the failed-login count
            assertThat(sim.counters().total("jira") - before).isEqualTo(1);
            assertThat(wrong.config().toString()).doesNotContain("not-the-password");
        }
        // the right password is refused too until an administrator resets the counter
        try (JiraConnector right = basic("jdoe", "jdoe")) {
            assertThatThrownBy(() -> right.get("TEST-1"))
                    .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.LOCKED_OUT));
            sim.jira().resetFailedLogins();
            assertThat(right.get("TEST-1").getKey()).isEqualTo("TEST-1");
        }
    }

    @Test
    void anAmbiguousCreateIsResolvedByTheMarker() {
        try (JiraConnector jira = basic("admin", "admin")) {
            Ticket first = jira.create(newIssue("exactly once"), TwinMarker.of(CONNECTION, "once"));
            sim.jira().faults().script(503);
            Ticket again = jira.create(newIssue("exactly once"), TwinMarker.of(CONNECTION, "once"));
            assertThat(again.getKey()).isEqualTo(first.getKey());
            assertThat(jira.search("labels = " + TwinMarker.of(CONNECTION, "once").label())).hasSize(1);
            sim.jira().faults().script(-500);
            Ticket lost = jira.create(newIssue("answer lost"), TwinMarker.of(CONNECTION, "lost"));
            assertThat(jira.search("labels = " + TwinMarker.of(CONNECTION, "lost").label())).extracting(Ticket::getKey).containsExactly(lost.getKey());
            Comment c = new Comment();
            c.setBody("exactly one");
            sim.jira().faults().script(-502);
            jira.addComment(lost.getKey(), c);
            assertThat(jira.get(lost.getKey()).getComments()).extracting(Comment::getBody).containsExactly("exactly one");
        }
    }
}
