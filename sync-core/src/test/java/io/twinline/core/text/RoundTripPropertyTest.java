package io.twinline.core.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round-trip property beyond the corpus: texts built at random (fixed seed) from the pieces that make markup
 * tricky (marks next to letters, escapes, brackets, pipes, list and heading starts, code, entities) converge: after
 * two rounds at most a further round changes nothing, both ways. (The corpus holds the stricter one-round property;
 * among these random texts a few with odd runs of mark characters, e.g. {@code "** **"}, need the second round.)
 */
class RoundTripPropertyTest {
    private static final String[] WIKI = {"*", "_", "-", "+", "^", "~", "{", "}", "[", "]", "|", "||", "!", "\\", "\\\\",
            "h1. ", "h3. ", "* ", "** ", "# ", "#* ", "- ", "bq. ", "----", "{code}", "{code:java}", "{noformat}", "{quote}",
            "{{x}}", "\n", "\n", "\n\n", "word", "Error", "49", " ", " ", " ", "(y)", "(x)", ":)", "&#92;", "&amp;", "<b>",
            "https://example.com/a", "[a|https://b.example]", "[~jsmith]", "[^export log.txt]", "!screenshot.png!",
            "{color:red}", "{color}", "*bold*", "_it_", "C:\\Temp", "a-b", "2 * 3", "\t", "é", "🎉"};
    private static final String[] HTML = {"<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<s>", "</s>", "<p>", "</p>",
            "<div>", "</div>", "<br>", "<ul><li>", "</li><li>", "</li></ul>", "<ol><li>", "</li></ol>", "<h2>", "</h2>",
            "<table><tr><td>", "</td><td>", "</td></tr><tr><th>", "</th></tr></table>", "<blockquote>", "</blockquote>",
            "<pre>", "</pre>", "<code>", "</code>", "<a href=\"https://x.example/p\">", "</a>", "<hr>", "&nbsp;", "&lt;",
            "&amp;", "*", "_", "-", "[", "|", "!", "{", "\\", "word", "Error", " ", " ", "\n", "h1. ", "# ", "(y)",
            "<img src=\"cid:screenshot.png\">", "<script>x()</script>", "<span class=\"mention\">@Marta</span>", "🎉"};

    @Test
    void randomWikiReachesAFixedPointAfterOneRound() {
        TextConverter t = TextCorpusTest.converter();
        int oneRound = 0;
        List<String> cases = generate(WIKI, 1);
        for (String wiki : cases) {
            String wiki1 = t.htmlToWiki(t.wikiToHtml(wiki));
            String wiki2 = t.htmlToWiki(t.wikiToHtml(wiki1));
            assertThat(t.htmlToWiki(t.wikiToHtml(wiki2))).as("wiki %s", wiki).isEqualTo(wiki2);
            String html2 = t.wikiToHtml(wiki2);
            assertThat(t.wikiToHtml(t.htmlToWiki(html2))).as("html of wiki %s", wiki).isEqualTo(html2);
            oneRound += wiki1.equals(wiki2) ? 1 : 0;
        }
        assertThat(oneRound).as("texts stable after one round").isGreaterThan(cases.size() * 99 / 100);
    }

    @Test
    void randomHtmlReachesAFixedPointAfterOneRound() {
        TextConverter t = TextCorpusTest.converter();
        int oneRound = 0;
        List<String> cases = generate(HTML, 2);
        for (String html : cases) {
            String html1 = t.wikiToHtml(t.htmlToWiki(html));
            String html2 = t.wikiToHtml(t.htmlToWiki(html1));
            assertThat(t.wikiToHtml(t.htmlToWiki(html2))).as("html %s", html).isEqualTo(html2);
            String wiki2 = t.htmlToWiki(html2);
            assertThat(t.htmlToWiki(t.wikiToHtml(wiki2))).as("wiki of html %s", html).isEqualTo(wiki2);
            assertThat(t.sameHtml(html, html1)).as("reads the same: %s", html).isTrue();
            oneRound += html1.equals(html2) ? 1 : 0;
        }
        assertThat(oneRound).as("texts stable after one round").isGreaterThan(cases.size() * 99 / 100);
    }

    private static List<String> generate(String[] pieces, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int n = 0; n < 1000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + random.nextInt(12);
            for (int i = 0; i < len; i++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            out.add(sb.toString());
        }
        return out;
    }
}
