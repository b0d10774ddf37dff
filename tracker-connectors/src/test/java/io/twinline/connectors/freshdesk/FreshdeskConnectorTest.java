package io.twinline.connectors.freshdesk;

import io.twinline.connectors.SimulatorFixture;
import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.CustomField;
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

/** The Freshdesk connector against the simulator over real HTTP: CRUD, status, comments, attachments, lookups, search. */
class FreshdeskConnectorTest extends SimulatorFixture {

    private static final java.util.UUID CONNECTION = java.util.UUID.fromString("0f4c2a9e-1b2d-4c3e-8f5a-6b7c8d9e0a1b");

    FreshdeskConnector connector(String key) {
        return new FreshdeskConnector(FreshdeskConfig.builder(sim.baseUrl(), key)
                .clock(sim.clock()).sleeper(advancingSleeper).build());
    }

    FreshdeskConnector connector() {
        return connector("demo-key");
    }

    Ticket newTicket(String summary) {
        Ticket t = new Ticket();
        t.setSummary(summary);
        t.setDescription("<p>Body of " + summary + "</p>");
        t.setStatus(Status.named("Pending"));
        t.setPriority(Priority.named("High"));
        t.setLabels(List.of("vip", "billing"));
        t.setReporter(new User(null, "Carol Customer", "carol@customer.example", null));
        t.getCustomFields().put("cf_order", new CustomField("cf_order", null, "ORD-7"));
        return t;
    }

    @Test
    void createsReadsAndUpdatesTicketsWithStatusPriorityTagsAndCustomFields() {
        try (FreshdeskConnector fd = connector()) {
            Ticket created = fd.create(newTicket("Broken invoice"), TwinMarker.of(CONNECTION, "twin-1"));
            assertThat(created.getKey()).matches("\\d+");
            assertThat(created.getSummary()).isEqualTo("Broken invoice");
            assertThat(created.getStatus()).isEqualTo(new Status("3", "Pending"));
            assertThat(created.getPriority()).isEqualTo(new Priority("3", "High"));
            assertThat(created.getLabels()).containsExactlyInAnyOrder(new Label("vip"), new Label("billing"), new Label(TwinMarker.of(CONNECTION, "twin-1").label()));
            assertThat(created.getCustomFields().valueOf("cf_order")).isEqualTo("ORD-7");
            assertThat(created.getReporter().getEmail()).isEqualTo("carol@customer.example");
            assertThat(created.getCreated()).isEqualTo(sim.clock().instant());

            sim.clock().advance(Duration.ofSeconds(30));
            Ticket updated = fd.update(created.getKey(), new TicketUpdate().summary("Broken invoice (again)")
                    .status(Status.named("Waiting on Customer")).priority(new Priority("4", null))
                    .labels(List.of(new Label("vip"))).customField("cf_sector", "finance")
                    .assignee(new User(null, null, "second@demo.example", null)));
            assertThat(updated.getSummary()).isEqualTo("Broken invoice (again)");
            assertThat(updated.getStatus()).isEqualTo(new Status("6", "Waiting on Customer"));
            assertThat(updated.getPriority().getName()).isEqualTo("Urgent");
            // the marker survives a label replacement
            assertThat(updated.getLabels()).containsExactlyInAnyOrder(new Label("vip"), new Label(TwinMarker.of(CONNECTION, "twin-1").label()));
            assertThat(updated.getCustomFields().valueOf("cf_sector")).isEqualTo("finance");
            assertThat(updated.getAssignee().getKey()).isEqualTo("2");
            assertThat(updated.getUpdated()).isEqualTo(sim.clock().instant());

            Ticket resolved = fd.update(created.getKey(), new TicketUpdate().status(new Status("4", null)));
            assertThat(resolved.getStatus().getName()).isEqualTo("Resolved");
            assertThat(fd.find(created.getKey())).isPresent();
            assertThat(fd.find("99999")).isEmpty();
        }
    }

    @Test
    void commentsAreNotesAndPrivateMeansInternal() {
        try (FreshdeskConnector fd = connector()) {
            String key = fd.create(newTicket("With comments"), null).getKey();
            Comment internal = new Comment();
            internal.setBody("<p>agents only</p>");
            internal.setInternal(true);
            Comment addedInternal = fd.addComment(key, internal);
            assertThat(addedInternal.isInternal()).isTrue();
            Comment pub = new Comment();
            pub.setBody("<p>for everyone</p>");
            Comment addedPublic = fd.addComment(key, pub);
            assertThat(addedPublic.isInternal()).isFalse();
            // a public comment must not e-mail the requester: it is a note (source 2), not a reply
            assertThat(addedPublic.getAttributes()).containsEntry("source", 2);
            addedPublic.setBody("<p>for everyone, edited</p>");
            assertThat(fd.editComment(key, addedPublic).getBody()).isEqualTo("<p>for everyone, edited</p>");
            Ticket t = fd.get(key);
            assertThat(t.getComments()).extracting(Comment::getBody).containsExactly("<p>agents only</p>", "<p>for everyone, edited</p>");
            assertThat(t.getComments().get(0).getAuthor().getDisplayName()).isEqualTo("Demo Agent");
            fd.deleteComment(key, addedInternal.getId());
            assertThat(fd.get(key).getComments()).hasSize(1);
        }
    }

    @Test
    void uploadsDownloadsAndDeletesAttachments() {
        try (FreshdeskConnector fd = connector()) {
            String key = fd.create(newTicket("With files"), null).getKey();
            byte[] bytes = "hello attachment".getBytes(StandardCharsets.UTF_8);
            Attachment a = fd.addAttachment(key, "report \"final\".txt", "text/plain", bytes);
            assertThat(a.getFilesize()).isEqualTo(bytes.length);
            assertThat(a.getMimeType()).isEqualTo("text/plain");
            Ticket t = fd.get(key);
            assertThat(t.getAttachments()).extracting(Attachment::getId).containsExactly(a.getId());
            assertThat(fd.downloadAttachment(key, a)).isEqualTo(bytes);
            // bytes fetched from the CDN, not charged to the API budget
            assertThat(sim.counters().count("freshdesk-cdn", "GET /_cdn/freshdesk/:token/:name", 200)).isEqualTo(1);
            byte[] big = new byte[21 * 1024 * 1024];
            assertThatThrownBy(() -> fd.addAttachment(key, "big.bin", "application/octet-stream", big))
                    .isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.VALIDATION))
                    .hasMessageContaining("20 MB");
            fd.deleteAttachment(key, a.getId());
            assertThat(fd.get(key).getAttachments()).isEmpty();
        }
    }

    @Test
    void lookupsComeFromTheAccount() {
        try (FreshdeskConnector fd = connector()) {
            assertThat(fd.catalogue().statuses()).extracting(Status::getName)
                    .contains("Open", "Pending", "Resolved", "Closed", "Waiting on Customer", "Waiting on Third Party");
            assertThat(fd.catalogue().priority("urgent")).contains(new Priority("4", "Urgent"));
            assertThat(fd.catalogue().issueType("Incident")).isPresent();
            assertThat(fd.catalogue().userByEmail("agent@demo.example").map(User::getKey)).contains("1");
            assertThat(fd.catalogue().userByEmail("alice@customer.example").map(User::getDisplayName)).contains("Alice Customer");
            assertThat(fd.catalogue().userById("101").map(User::getEmail)).contains("alice@customer.example");
            assertThat(fd.catalogue().userById("424242")).isEmpty();
            assertThat(fd.fields()).anySatisfy(f -> {
                assertThat(f.id()).isEqualTo("cf_sector");
                assertThat(f.custom()).isTrue();
                assertThat(f.options()).contains("finance");
            });
            long fieldReads = sim.counters().count("freshdesk", "GET /api/v2/ticket_fields");
            fd.catalogue().statuses();
            assertThat(sim.counters().count("freshdesk", "GET /api/v2/ticket_fields")).as("cached").isEqualTo(fieldReads);
        }
    }

    @Test
    void triggerSearchAndTwinMarkerLookup() {
        try (FreshdeskConnector fd = connector()) {
            String key = fd.create(newTicket("Searchable"), TwinMarker.of(CONNECTION, "abc-9")).getKey();
            assertThat(fd.search("\"tag:'vip' AND priority:3\"")).extracting(Ticket::getKey).containsExactly(key);
            assertThat(fd.search("priority:>4")).extracting(Ticket::getKey).containsExactly("1");
            assertThat(fd.findByTwinMarker(TwinMarker.of(CONNECTION, "abc-9")).map(Ticket::getKey)).contains(key);
            assertThat(fd.findByTwinMarker(new TwinMarker(CONNECTION, "abc-9", sim.clock().instant().minusSeconds(5))).map(Ticket::getKey)).contains(key);
            assertThat(fd.findByTwinMarker(TwinMarker.of(CONNECTION, "nope"))).isEmpty();
            // The same twin id named by another connection finds nothing: markers are scoped to their connection.
            assertThat(fd.findByTwinMarker(TwinMarker.of(java.util.UUID.randomUUID(), "abc-9"))).isEmpty();
            assertThatThrownBy(() -> fd.search("bogus_field:1")).isInstanceOf(TrackerException.class)
                    .hasMessageContaining("HTTP 400").hasMessageContaining("bogus_field");
        }
    }

    @Test
    void theTwinMarkerCanLiveInACustomField() {
        try (FreshdeskConnector fd = new FreshdeskConnector(FreshdeskConfig.builder(sim.baseUrl(), "demo-key")
                .twinMarkerField("cf_twin_id").clock(sim.clock()).sleeper(advancingSleeper).build())) {
            Ticket created = fd.create(newTicket("field marker"), TwinMarker.of(CONNECTION, "cf-5"));
            assertThat(created.getCustomFields().valueOf("cf_twin_id")).isEqualTo(TwinMarker.of(CONNECTION, "cf-5").value());
            assertThat(created.getLabels()).noneMatch(l -> l.getLabel().startsWith("twinline-"));
            assertThat(fd.findByTwinMarker(TwinMarker.of(CONNECTION, "cf-5")).map(Ticket::getKey)).contains(created.getKey());
            assertThat(fd.findByTwinMarker(new TwinMarker(CONNECTION, "cf-5", sim.clock().instant())).map(Ticket::getKey)).contains(created.getKey());
            assertThat(fd.findByTwinMarker(TwinMarker.of(CONNECTION, "cf-6"))).isEmpty();
            assertThat(fd.findByTwinMarker(TwinMarker.of(java.util.UUID.randomUUID(), "cf-5"))).isEmpty();
        }
    }

    @Test
    void aLaggingSearchIndexDoesNotHideAFreshMarkerWhenTheIntentTimeIsKnown() {
        try (FreshdeskConnector fd = connector()) {
            sim.freshdesk().setSearchIndexDelay(Duration.ofMinutes(3));
            java.time.Instant intent = sim.clock().instant();
            String key = fd.create(newTicket("just made"), TwinMarker.of(CONNECTION, "lag-1")).getKey();
            // the search index has not seen it yet
            assertThat(fd.findByTwinMarker(TwinMarker.of(CONNECTION, "lag-1"))).isEmpty();
            // listing from the recorded intent is live
            assertThat(fd.findByTwinMarker(new TwinMarker(CONNECTION, "lag-1", intent)).map(Ticket::getKey)).contains(key);
            sim.clock().advance(Duration.ofMinutes(4));
            assertThat(fd.findByTwinMarker(TwinMarker.of(CONNECTION, "lag-1")).map(Ticket::getKey)).contains(key);
        }
    }

    @Test
    void errorsAreClearAndNeverShowTheKey() {
        try (FreshdeskConnector bad = connector("secret-wrong-key")) {
            assertThatThrownBy(() -> bad.get("1")).isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.AUTHENTICATION))
                    .hasMessageContaining("HTTP 401").hasMessageContaining("invalid_credentials")
                    .hasMessageNotContaining("secret-wrong-key");
            assertThat(bad.config().toString()).doesNotContain("secret-wrong-key");
        }
        try (FreshdeskConnector fd = connector()) {
            assertThatThrownBy(() -> fd.get("424242")).isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.NOT_FOUND));
            Ticket t = newTicket("bad status");
            t.setStatus(Status.named("Nonexistent"));
            assertThatThrownBy(() -> fd.create(t, null)).hasMessageContaining("unknown status 'Nonexistent'");
            Ticket badField = newTicket("bad field");
            badField.getCustomFields().put("cf_sector", new CustomField("cf_sector", null, "mars"));
            assertThatThrownBy(() -> fd.create(badField, null)).isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).fieldErrors()).containsKey("cf_sector"));
        }
    }

    @Test
    void anAmbiguousCreateIsResolvedByTheMarkerNotDuplicated() {
        try (FreshdeskConnector fd = connector()) {
            // The first create answers 500 after the simulator... did nothing; the connector looks for the marker, finds
            // nothing, and creates once. Then a create that did happen (we create it first) is found instead of repeated.
            sim.freshdesk().faults().script(500);
            Ticket created = fd.create(newTicket("once"), TwinMarker.of(CONNECTION, "once-1"));
            assertThat(fd.search("tag:'" + TwinMarker.of(CONNECTION, "once-1").label() + "'")).hasSize(1);
            assertThat(created.getSummary()).isEqualTo("once");
            int before = sim.freshdesk().ticketCount();
            // even with a lagging search index the earlier ticket is found, by listing
            sim.freshdesk().setSearchIndexDelay(Duration.ofHours(1));
            sim.freshdesk().faults().script(500);
            Ticket again = fd.create(newTicket("once"), TwinMarker.of(CONNECTION, "once-1"));
            assertThat(again.getKey()).isEqualTo(created.getKey());
            assertThat(sim.freshdesk().ticketCount()).isEqualTo(before);
            // the create happens but its answer is lost: found by its marker, not made twice
            sim.freshdesk().faults().script(-500);
            Ticket lost = fd.create(newTicket("lost answer"), TwinMarker.of(CONNECTION, "lost-1"));
            assertThat(sim.freshdesk().ticketCount()).isEqualTo(before + 1);
            assertThat(lost.getSummary()).isEqualTo("lost answer");
            // likewise a note whose answer is lost is not posted twice
            Comment note = new Comment();
            note.setBody("<p>exactly one</p>");
            sim.freshdesk().faults().script(-503);
            assertThat(fd.addComment(lost.getKey(), note).getBody()).isEqualTo("<p>exactly one</p>");
            assertThat(fd.get(lost.getKey()).getComments()).hasSize(1);
            // and one that really failed (nothing found) is sent again
            Comment other = new Comment();
            other.setBody("<p>second</p>");
            sim.freshdesk().faults().script(503);
            fd.addComment(lost.getKey(), other);
            assertThat(fd.get(lost.getKey()).getComments()).extracting(Comment::getBody)
                    .containsExactly("<p>exactly one</p>", "<p>second</p>");
        }
    }
}
