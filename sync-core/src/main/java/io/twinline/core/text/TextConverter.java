package io.twinline.core.text;

import org.jsoup.nodes.Document;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Descriptions and comments between Freshdesk's HTML and Jira's wiki markup, both ways, and the allow-list
 * sanitising of HTML that every conversion starts with. Round trips are stable: for any input, one round
 * ({@code wikiToHtml(htmlToWiki(h))}) gives a text that further rounds leave unchanged, so a conversion never looks
 * like an edit. Thread-safe; null in, null out.
 */
public final class TextConverter {
    private final AttachmentLinks links;
    private final UnaryOperator<String> mentionName;

    /** {@code links}: the attachments an HTML text may point at; {@code mentionName}: Jira user name → name shown. */
    public TextConverter(AttachmentLinks links, UnaryOperator<String> mentionName) {
        this.links = Objects.requireNonNull(links, "links");
        this.mentionName = Objects.requireNonNull(mentionName, "mentionName");
    }

    /** Knows no attachments (only {@code cid:} references) and shows mentions by their user name. */
    public static TextConverter plain() {
        return new TextConverter(AttachmentLinks.NONE, UnaryOperator.identity());
    }

    /** HTML (from a tracker, any editor or e-mail client) as Jira markup; unsafe markup is dropped first. */
    public String htmlToWiki(String html) {
        if (html == null) {
            return null;
        }
        return new HtmlToWiki(links).convert(HtmlSanitizer.clean(html, links).body());
    }

    /** Jira markup as HTML in a small canonical form ({@code <p>}, {@code <br>}, {@code <strong>}…), safe to show. */
    public String wikiToHtml(String wiki) {
        if (wiki == null) {
            return null;
        }
        Document doc = WikiToHtml.newDocument();
        new WikiToHtml(new WikiInlineParser(mentionName)).convert(wiki, doc.body());
        // What the parser built is checked by the same allow-list (e.g. a link to a javascript: URL never gets out).
        return HtmlSanitizer.clean(doc.body().html(), AttachmentLinks.NONE).body().html();
    }

    /** Only the allowed markup of {@code html}; links to the ticket's attachments become {@code cid:} references. */
    public String sanitizeHtml(String html) {
        return html == null ? null : HtmlSanitizer.clean(html, links).body().html();
    }

    /** Plain text of {@code html}: tags dropped, line breaks kept, entities decoded. */
    public String htmlToText(String html) {
        return html == null ? null : HtmlText.of(HtmlSanitizer.clean(html, links).body());
    }

    /** Plain text as HTML: escaped, one paragraph per block of lines, {@code <br>} between lines. */
    public String textToHtml(String text) {
        if (text == null) {
            return null;
        }
        Document doc = WikiToHtml.newDocument();
        for (String para : text.strip().split("\\n\\s*\\n")) {
            if (para.isBlank()) {
                continue;
            }
            var p = doc.body().appendElement("p");
            String[] lines = para.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    p.appendElement("br");
                }
                p.appendText(lines[i].strip());
            }
        }
        return doc.body().html();
    }

    /** True when both HTML texts read the same once converted: what a round through the other side would not change. */
    public boolean sameHtml(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    private String canonical(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        // One round is a fixed point for everything people write (the corpus); odd runs of mark characters such as
        // "** **" may need a second one, so compare after two.
        return wikiToHtml(htmlToWiki(wikiToHtml(htmlToWiki(html))));
    }
}
