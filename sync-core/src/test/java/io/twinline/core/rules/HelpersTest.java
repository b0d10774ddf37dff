package io.twinline.core.rules;

import io.twinline.core.digest.Sha256;
import io.twinline.core.model.Attachment;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.replica.Replica;
import io.twinline.core.tracker.catalogue.DefaultCatalogues;
import io.twinline.core.tracker.catalogue.StaticCatalogue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HelpersTest {
    private final RulesEngine engine = new RulesEngine();

    private static Attachment att(String id, String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new Attachment(id, name, "text/plain", bytes.length, Sha256.tagged(bytes));
    }

    @Test
    void mergeAttachmentsAddsReplacesAndRemovesMirrorsOnly() {
        Ticket local = new Ticket();
        Attachment own = att("L1", "ours.txt", "ours");
        Attachment staleMirror = att("L2", "gone.txt", "gone");
        staleMirror.setRemoteId("R0");
        Attachment changedMirror = att("L3", "log.txt", "v1");
        changedMirror.setRemoteId("R2");
        local.setAttachments(List.of(own, staleMirror, changedMirror));
        Replica replica = new Replica();
        Attachment echo = att("R9", "ours.txt", "ours");
        echo.setRemoteId("L1");
        replica.setAttachments(List.of(att("R1", "new.txt", "new"), att("R2", "log.txt", "v2"), echo));
        String script = "issue.attachments = attachmentHelper.mergeAttachments(issue, replica)";
        Ticket result = engine.run(Direction.INCOMING, script, RulesRun.incoming(local, replica)).entity();
        assertThat(result.getAttachments()).extracting(Attachment::getFilename).containsExactly("ours.txt", "new.txt", "log.txt");
        Attachment added = result.getAttachments().get(1);
        assertThat(added.getId()).isNull();
        assertThat(added.getRemoteId()).isEqualTo("R1");
        assertThat(result.getAttachments().get(2).getHash()).isEqualTo(Sha256.tagged("v2".getBytes(StandardCharsets.UTF_8)));
        assertThat(result.getAttachments().get(2).getId()).isNull();
        // idempotent once stored
        result.getAttachments().get(1).setId("L4");
        result.getAttachments().get(2).setId("L5");
        Ticket again = engine.run(Direction.INCOMING, script, RulesRun.incoming(result, replica)).entity();
        assertThat(again.getAttachments()).isEqualTo(result.getAttachments());
    }

    @Test
    void attachmentBytesAreCheckedAgainstTheHash() {
        Attachment a = att("1", "a.txt", "hello");
        assertThat(AttachmentHelper.matches(a, "hello".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(AttachmentHelper.matches(a, "hellO".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Sha256.tagged(new byte[0])).isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void nodeHelperAnswersFromTheCatalogueWithTheDocumentedUnknowns() {
        var catalogue = StaticCatalogue.builder("jira")
                .status("3", "In Progress").priority("2", "High").issueType("3", "Task")
                .user(new User("jdoe", "Jo Doe", "jo@partner.example", "jdoe"))
                .labelForm(s -> s.replaceAll("\\s+", "_"))
                .build();
        RunResult r = engine.run(Direction.INCOMING, """
                def k = replica.customKeys
                issue.status = nodeHelper.getStatus('in progress')
                k.unknownStatusId = nodeHelper.getStatus('Nope').id
                k.unknownStatusName = nodeHelper.getStatus('Nope').name
                issue.priority = nodeHelper.getPriority('High', issue)
                k.unknownPriority = nodeHelper.getPriority('Urgent') == null
                issue.type = nodeHelper.getIssueType('Task')
                k.unknownType = nodeHelper.getIssueType('Epic') == null
                issue.labels = [nodeHelper.getLabel('vip customer')]
                k.blankLabel = nodeHelper.getLabel('  ') == null
                issue.assignee = nodeHelper.getUserByEmail('JO@partner.example')
                k.byId = nodeHelper.getUserById('jdoe').displayName
                k.byName = nodeHelper.getUserByUsername('jdoe').email
                k.nobody = nodeHelper.getUserByEmail('x@y.z') == null
                issue.description = nodeHelper.stripHtml('<div>Hello&nbsp;<b>world</b> &amp; you</div><p>2 &lt; 3&#33;</p>')
                issue.summary = k.collect { key, v -> key + '=' + v }.join(' ')
                """, RulesRun.incoming(new Ticket(), new Replica()).catalogue(catalogue));
        Ticket t = r.entity();
        assertThat(t.getStatus().getId()).isEqualTo("3");
        assertThat(t.getPriority().getName()).isEqualTo("High");
        assertThat(t.getType().getName()).isEqualTo("Task");
        assertThat(t.getLabels()).extracting("label").containsExactly("vip_customer");
        assertThat(t.getAssignee().getUsername()).isEqualTo("jdoe");
        assertThat(t.getDescription()).isEqualTo("Hello world & you\n\n2 < 3!"); // a paragraph after a block: an empty line
        assertThat(t.getSummary()).isEqualTo("unknownStatusId=null unknownStatusName=null unknownPriority=true unknownType=true "
                + "blankLabel=true byId=Jo Doe byName=jo@partner.example nobody=true");
    }

    @Test
    void syncHelperRecordsIntentsAndAnswersUrls() {
        Ticket local = new Ticket();
        local.setKey("SUP-1");
        RunResult r = engine.run(Direction.INCOMING, """
                syncHelper.syncBackAfterProcessing()
                issue.summary = [syncHelper.trackerUrl, syncHelper.remoteTrackerUrl, syncHelper.getRemoteIssueUrl(),
                                 syncHelper.isUnderSync(issue)].join(' ')
                """, RulesRun.incoming(local, new Replica())
                .urls("https://jira.partner.example", "https://acme.freshdesk.com", "https://acme.freshdesk.com/a/tickets/7")
                .underSync(t -> "SUP-1".equals(t.getKey())));
        assertThat(r.syncBack()).isTrue();
        assertThat(r.unsync()).isFalse();
        assertThat(r.entity().getSummary()).isEqualTo(
                "https://jira.partner.example https://acme.freshdesk.com https://acme.freshdesk.com/a/tickets/7 true");
        RunResult stop = engine.run(Direction.INCOMING, "syncHelper.unExalateAfterProcessing()",
                RulesRun.incoming(local, new Replica()));
        assertThat(stop.unsync()).isTrue();
        assertThat(stop.syncBack()).isFalse();
    }

    @Test
    void defaultCataloguesHaveTheTrackersOutOfTheBoxValues() {
        assertThat(DefaultCatalogues.freshdesk().status("open")).get().extracting("id").isEqualTo("2");
        assertThat(DefaultCatalogues.freshdesk().priority("Urgent")).get().extracting("id").isEqualTo("4");
        assertThat(DefaultCatalogues.jira().priority("Highest")).get().extracting("id").isEqualTo("1");
        assertThat(DefaultCatalogues.jira().label("a b")).get().extracting("label").isEqualTo("a_b");
        assertThat(DefaultCatalogues.freshdesk().label("a b")).get().extracting("label").isEqualTo("a b");
    }
}
