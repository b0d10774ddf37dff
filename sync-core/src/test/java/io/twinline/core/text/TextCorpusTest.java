package io.twinline.core.text;

import io.twinline.core.model.Attachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Every corpus case gives its expected output, and converting it to the other side and back is stable after one round. */
class TextCorpusTest {
    static final Map<String, String> USERS = Map.of("jsmith", "John Smith", "mkowalski", "Marta Kowalski");

    static TextConverter converter() {
        Attachment shot = new Attachment("5001", "screenshot.png", "image/png", 2048, "sha256:00");
        shot.getAttributes().put("url", "https://cdn.example.net/freshdesk/attachments/5001/screenshot.png?token=abc");
        Attachment log = new Attachment("10021", "export log.txt", "text/plain", 300, "sha256:01");
        UnaryOperator<String> names = u -> USERS.getOrDefault(u, u);
        return new TextConverter(AttachmentLinks.of(List.of(shot, log)), names);
    }

    static List<TextCorpus> cases() {
        return TextCorpus.all();
    }

    @Test
    void theCorpusHasAtLeastFortyCases() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cases()).allSatisfy(c -> assertThat(c.sections()).hasSizeGreaterThanOrEqualTo(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesTheExpectedOutput(TextCorpus c) {
        TextConverter t = converter();
        if (Boolean.getBoolean("corpus.print")) {
            System.out.println("=== " + c.name() + "\n--- " + c.inputKind() + "\n" + c.input() + "\n--- "
                    + (c.inputKind().equals("html") ? "wiki\n" + t.htmlToWiki(c.input()) : "html\n" + t.wikiToHtml(c.input()))
                    + (c.sections().containsKey("sanitized") ? "\n--- sanitized\n" + t.sanitizeHtml(c.input()) : "") + "\n");
        }
        if (c.inputKind().equals("html")) {
            assertThat(t.htmlToWiki(c.input())).as("wiki").isEqualTo(c.sections().get("wiki"));
            if (c.sections().containsKey("sanitized")) {
                assertThat(t.sanitizeHtml(c.input())).as("sanitized").isEqualTo(c.sections().get("sanitized"));
            }
        } else {
            assertThat(t.wikiToHtml(c.input())).as("html").isEqualTo(c.sections().get("html"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTripsAreFixedPointsAfterOneRound(TextCorpus c) {
        TextConverter t = converter();
        String html = c.inputKind().equals("html") ? c.input() : t.wikiToHtml(c.input());
        String wiki = c.inputKind().equals("wiki") ? c.input() : t.htmlToWiki(c.input());

        String html1 = t.wikiToHtml(t.htmlToWiki(html));
        assertThat(t.wikiToHtml(t.htmlToWiki(html1))).as("toHtml(toWiki(html)) again").isEqualTo(html1);
        String wiki1 = t.htmlToWiki(t.wikiToHtml(wiki));
        assertThat(t.htmlToWiki(t.wikiToHtml(wiki1))).as("toWiki(toHtml(wiki)) again").isEqualTo(wiki1);
        assertThat(t.sameHtml(html, html1)).as("reads the same after a round").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nothingUnsafeGetsThrough(TextCorpus c) {
        TextConverter t = converter();
        String html = c.inputKind().equals("html") ? t.sanitizeHtml(c.input()) : t.wikiToHtml(c.input());
        String wiki = c.inputKind().equals("html") ? t.htmlToWiki(c.input()) : c.input();
        for (String out : List.of(html, t.wikiToHtml(wiki))) {
            assertThat(out.toLowerCase()).doesNotContain("<script", "<iframe", "javascript:", " onerror", " onclick",
                    " onload", "<style", "<object", "<embed", "<form", "vbscript:", "data:text/html");
        }
    }
}
