package io.twinline.core.rules;

import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.replica.Replica;
import io.twinline.core.tracker.catalogue.DefaultCatalogues;
import io.twinline.core.tracker.catalogue.StaticCatalogue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text helpers of nodeHelper, called from sync rules through the sandbox as scripts written for Exalate call them. */
class TextHelpersTest {
    private final RulesEngine engine = new RulesEngine();

    @Test
    void exalatesConversionHelpersRunInTheSandbox() {
        Replica fromFreshdesk = new Replica();
        fromFreshdesk.setDescription("<div>Printer shows <b>Error 49</b></div><ul><li>tray 1</li><li>tray 2</li></ul>"
                + "<p><img src=\"https://cdn.example.net/a/7001/error-49.jpg?sig=1\"></p><script>alert(1)</script>");
        Attachment shot = new Attachment("7001", "error-49.jpg", "image/jpeg", 10, "sha256:00");
        shot.getAttributes().put("url", "https://cdn.example.net/a/7001/error-49.jpg?sig=2");
        fromFreshdesk.setAttachments(List.of(shot));
        Ticket issue = engine.run(Direction.INCOMING, """
                issue.description = nodeHelper.toMarkDownFromHtml(replica.description)
                issue.summary = nodeHelper.stripHtml(replica.description)
                """, RulesRun.incoming(new Ticket(), fromFreshdesk).catalogue(DefaultCatalogues.jira())).entity();
        assertThat(issue.getDescription()).isEqualTo("Printer shows *Error 49*\n\n* tray 1\n* tray 2\n\n!error-49.jpg!");
        assertThat(issue.getSummary()).isEqualTo("Printer shows Error 49\n\n- tray 1\n- tray 2");
    }

    @Test
    void getHtmlFieldConvertsJiraMarkupAndSanitisesFreshdeskHtml() {
        Ticket jiraIssue = new Ticket();
        jiraIssue.setDescription("h2. Cause\n*Disk* full on [~jdoe]'s host, see [runbook|https://wiki.example.com/rb]");
        jiraIssue.getCustomFields().get("Root cause").setValue("-Network- Disk");
        jiraIssue.setComments(List.of(new Comment("C1", "{code:sql}\nSELECT 1;\n{code}", null, Instant.EPOCH)));
        StaticCatalogue jira = StaticCatalogue.builder("jira").user(new User("jdoe", "Jo Doe", "jo@example.com", "jdoe")).build();
        Replica sent = engine.run(Direction.OUTGOING, """
                replica.description = nodeHelper.getHtmlField(issue, "description")
                replica.summary = nodeHelper.getHtmlField(issue, "Root cause")
                replica.comments = issue.comments.collect { c -> def s = c.copy(); s.body = nodeHelper.getHtmlField(c, "body"); s }
                """, RulesRun.outgoing(jiraIssue).catalogue(jira)).replica();
        assertThat(sent.getDescription()).isEqualTo("<h2>Cause</h2><p><strong>Disk</strong> full on Jo Doe's host, see "
                + "<a href=\"https://wiki.example.com/rb\">runbook</a></p>");
        assertThat(sent.getSummary()).isEqualTo("<p><del>Network</del> Disk</p>");
        assertThat(sent.getComments().get(0).getBody()).isEqualTo("<pre><code class=\"language-sql\">SELECT 1;</code></pre>");

        Ticket fdTicket = new Ticket();
        fdTicket.setDescription("<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">there</a></p><iframe src=\"https://e.example\"></iframe>");
        Replica fromFd = engine.run(Direction.OUTGOING, """
                replica.description = nodeHelper.getHtmlField(issue, "description")
                replica.summary = String.valueOf(nodeHelper.sameHtml('<div>Hi <b>x</b></div>', '<p>Hi <strong>x</strong></p>'))
                """, RulesRun.outgoing(fdTicket).catalogue(DefaultCatalogues.freshdesk())).replica();
        assertThat(fromFd.getDescription()).isEqualTo("<p>Hi <a>there</a></p>");
        assertThat(fromFd.getSummary()).isEqualTo("true");
    }

    @Test
    void aWrongFieldOfACommentIsAClearError() {
        Ticket t = new Ticket();
        t.setComments(List.of(new Comment("C1", "x", null, Instant.EPOCH)));
        assertThatThrownBy(() -> engine.run(Direction.OUTGOING, "replica.summary = nodeHelper.getHtmlField(issue.comments[0], 'subject')",
                RulesRun.outgoing(t).catalogue(DefaultCatalogues.jira())))
                .isInstanceOf(RulesRunException.class)
                .hasMessageContaining("a comment has only the field 'body', not 'subject'");
    }
}
