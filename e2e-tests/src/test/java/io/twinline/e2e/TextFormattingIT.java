package io.twinline.e2e;

import io.restassured.specification.RequestSpecification;
import io.twinline.simulator.TrackerSimulator;
import io.twinline.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Formatted text reads right on both sides with the default rules: Freshdesk's HTML arrives in Jira as wiki markup,
 * Jira's markup arrives in Freshdesk as HTML, and the conversion never looks like a change (both topics stay quiet).
 */
class TextFormattingIT {
    private static final String TRIGGER_TAG = "twinline-sync";

    private static PublicSide publicSide;
    private static TrackerSimulator trackers;

    @BeforeAll
    static void start() {
        publicSide = PublicSide.start();
        trackers = new TrackerSimulator().start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (trackers != null) {
            trackers.stop();
        }
        if (publicSide != null) {
            publicSide.close();
        }
    }

    @Test
    void formattedDescriptionsAndCommentsArriveAsTheOtherSidesMarkupAndStayQuiet(@TempDir Path privateState, @TempDir Path publicState) {
        String[] connection = E2eParts.initiate(publicSide, "e2e text");
        String id = connection[0];
        ServiceProcess privateAgent = publicSide.startAgent("partner", connection[1], privateState, "text-private-agent.log",
                E2eParts.jiraAgentSettings(trackers));
        ServiceProcess publicAgent = null;
        try {
            Map<String, String> freshdeskSide = E2eParts.freshdeskAgentSettings(publicSide, trackers, id);
            freshdeskSide.put("twinline.agent.sync.triggers", "tag:'" + TRIGGER_TAG + "'");
            publicAgent = publicSide.startAgent("acme", "", publicState, "text-public-agent.log", freshdeskSide);

            // Freshdesk → Jira: an editor's HTML with a table (and a script that must not travel) becomes markup.
            String summary = "Printer error " + UUID.randomUUID().toString().substring(0, 8);
            String description = "<div>Since this morning the printer shows <b>Error 49</b> on <i>every</i> job.</div>"
                    + "<div><br></div><table><tbody><tr><th>Tray</th><th>State</th></tr>"
                    + "<tr><td>1</td><td>jammed</td></tr><tr><td>2</td><td><strong>empty</strong></td></tr></tbody></table>"
                    + "<script>alert('x')</script>";
            int ticketId = freshdesk().body(Map.of("subject", summary, "description", description, "requester_id", 101,
                    "status", 2, "priority", 3, "tags", List.of(TRIGGER_TAG)))
                    .post("/api/v2/tickets").then().statusCode(201).extract().path("id");
            String issueKey = E2eParts.awaitSingleJiraIssue(trackers, summary);
            String expectedWiki = "Since this morning the printer shows *Error 49* on _every_ job.\n\n"
                    + "||Tray||State||\n|1|jammed|\n|2|*empty*|";
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jiraDescription(issueKey)).isEqualTo(expectedWiki));

            // Jira → Freshdesk: a comment with bold text, a list and a code block becomes the matching HTML.
            String comment = "*Root cause:* a worn fuser.\n* replace the fuser\n* print a test page\n\n"
                    + "{code:bash}\nsystemctl restart cups\n{code}";
            jira().body(Map.of("body", comment)).post("/rest/api/2/issue/{key}/comment", issueKey).then().statusCode(201);
            String expectedHtml = "<p><strong>Root cause:</strong> a worn fuser.</p><ul><li>replace the fuser</li>"
                    + "<li>print a test page</li></ul><pre><code class=\"language-bash\">systemctl restart cups</code></pre>";
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(freshdeskNoteBodies(ticketId))
                    .singleElement().satisfies(body -> assertThat(body).endsWith(" wrote:</p>" + expectedHtml)));
            assertThat(E2eParts.freshdeskNotes(trackers, ticketId)).singleElement()
                    .satisfies(text -> assertThat(text).contains("Root cause: a worn fuser.").doesNotContain("<strong>"));

            // Afterwards both sides stay quiet: no record on either topic for 15 s, and neither text was rewritten.
            String toPrivate = "twinline.sync." + id + ".to-private";
            String toPublic = "twinline.sync." + id + ".to-public";
            long privateBefore = E2eParts.recordCount(publicSide, toPrivate);
            long publicBefore = E2eParts.recordCount(publicSide, toPublic);
            await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> E2eParts.recordCount(publicSide, toPrivate) == privateBefore
                            && E2eParts.recordCount(publicSide, toPublic) == publicBefore);
            assertThat(jiraDescription(issueKey)).isEqualTo(expectedWiki);
            assertThat(freshdesk().get("/api/v2/tickets/{id}", ticketId).then().statusCode(200).extract().<String>path("description"))
                    .isEqualTo(description);
            assertThat(jira().get("/rest/api/2/issue/{key}/comment", issueKey).then().statusCode(200)
                    .extract().<List<String>>path("comments.body")).containsExactly(comment);
            assertThat(freshdeskNoteBodies(ticketId)).hasSize(1);
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    private static String jiraDescription(String issueKey) {
        return jira().get("/rest/api/2/issue/{key}", issueKey).then().statusCode(200).extract().path("fields.description");
    }

    private static List<String> freshdeskNoteBodies(int ticketId) {
        return freshdesk().get("/api/v2/tickets/{id}/conversations", ticketId).then().statusCode(200).extract().path("body");
    }

    private static RequestSpecification freshdesk() {
        return E2eParts.freshdesk(trackers);
    }

    private static RequestSpecification jira() {
        return E2eParts.jira(trackers);
    }
}
