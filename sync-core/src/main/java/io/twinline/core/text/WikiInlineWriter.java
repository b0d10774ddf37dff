package io.twinline.core.text;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Inline HTML (text, marks, links, images, line breaks) as Jira markup. Returns text in which {@code \n} stands
 * for a line break; the block writer decides what a line break means where the text lands.
 */
final class WikiInlineWriter {
    private static final Map<String, String> MARK = Map.ofEntries(
            Map.entry("strong", "*"), Map.entry("b", "*"), Map.entry("em", "_"), Map.entry("i", "_"),
            Map.entry("cite", "_"), Map.entry("u", "+"), Map.entry("ins", "+"), Map.entry("s", "-"),
            Map.entry("strike", "-"), Map.entry("del", "-"), Map.entry("sup", "^"), Map.entry("sub", "~"));
    private static final Set<String> CODE = Set.of("code", "tt", "kbd", "samp");

    private final AttachmentLinks links;

    WikiInlineWriter(AttachmentLinks links) {
        this.links = links;
    }

    String children(Element parent) {
        return children(parent, new HashSet<>());
    }

    private String children(Element parent, Set<String> open) {
        StringBuilder sb = new StringBuilder();
        for (Node n : parent.childNodes()) {
            sb.append(node(n, open));
        }
        return sb.toString();
    }

    String node(Node n) {
        return node(n, new HashSet<>());
    }

    private String node(Node n, Set<String> open) {
        if (n instanceof TextNode t) {
            return WikiEscaper.text(collapse(t.getWholeText()), following(t), String.join("", open));
        }
        if (!(n instanceof Element e)) {
            return "";
        }
        String tag = e.normalName();
        if (tag.equals("br")) {
            return "\n";
        }
        if (e.hasClass("mention")) {
            return WikiEscaper.text(collapse(e.text()), '*', String.join("", open));
        }
        String mark = MARK.get(tag);
        if (mark != null) {
            if (open.contains(mark)) {
                return children(e, open);
            }
            open.add(mark);
            String inner = children(e, open);
            open.remove(mark);
            return wrap(e, mark, inner);
        }
        if (CODE.contains(tag)) {
            String code = collapse(e.text());
            return code.isBlank() ? code : wrapCode(e, code);
        }
        if (tag.equals("a")) {
            return link(e, open);
        }
        if (tag.equals("img")) {
            return image(e);
        }
        return children(e, open);
    }

    private String link(Element a, Set<String> open) {
        String href = a.attr("href").strip();
        String label = WikiEscaper.tidy(children(a, open).replace('\n', ' '));
        if (href.isEmpty()) {
            return label;
        }
        String attachment = links.filenameOf(href);
        if (attachment != null) {
            return "[^" + attachment + "]";
        }
        String plain = collapse(a.text()).strip();
        if (plain.equals(href) || label.isEmpty()) {
            boolean bare = href.matches("(?i)https?://[^\\s\\[\\]|{}!<>\"\\\\]+") && !href.matches(".*[.,;:!?)]$");
            return bare && isBoundary(after(a)) && isBoundary(before(a)) ? href : "[" + href + "]";
        }
        if (href.regionMatches(true, 0, "mailto:", 0, 7) && plain.equals(href.substring(7))) {
            return "[" + href + "]";
        }
        return "[" + WikiEscaper.linkText(label) + "|" + href + "]";
    }

    private String image(Element img) {
        String src = img.attr("src").strip();
        String attachment = links.filenameOf(src);
        if (attachment != null) {
            return "!" + attachment + "!";
        }
        return src.isEmpty() ? "" : "!" + src + "!";
    }

    /** {@code *text*}; the braced form {@code {*}text{*}} where a letter touches the mark (Jira needs it there). */
    private String wrap(Element e, String mark, String inner) {
        if (inner.contains("\n")) {
            StringBuilder sb = new StringBuilder();
            String[] lines = inner.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                sb.append(i == 0 ? "" : "\n").append(wrapLine(mark, lines[i], i == 0 ? before(e) : ' ',
                        i == lines.length - 1 ? after(e) : ' '));
            }
            return sb.toString();
        }
        return wrapLine(mark, inner, before(e), after(e));
    }

    private static String wrapLine(String mark, String inner, char before, char after) {
        String core = inner.strip();
        if (core.isEmpty()) {
            return inner;
        }
        String lead = inner.substring(0, inner.indexOf(core.charAt(0)));
        String trail = inner.substring(lead.length() + core.length());
        boolean braced = (lead.isEmpty() && Character.isLetterOrDigit(before))
                || (trail.isEmpty() && Character.isLetterOrDigit(after));
        String open = braced ? "{" + mark + "}" : mark;
        return lead + open + core + open + trail;
    }

    private static String wrapCode(Element e, String code) {
        String core = code.strip();
        String lead = code.substring(0, code.indexOf(core.charAt(0)));
        String trail = code.substring(lead.length() + core.length());
        return lead + "{{" + core + "}}" + trail;
    }

    /** What the wiki text after {@code t} starts with, as far as escaping cares: markup unless plain text or an edge. */
    private static char following(TextNode t) {
        Node next = t.nextSibling();
        if (next == null) {
            Element p = t.parent();
            return p != null && !HtmlToWiki.isBlock(p) ? '*' : ' ';
        }
        if (next instanceof TextNode nt) {
            String text = collapse(nt.getWholeText());
            return text.isEmpty() ? '*' : text.charAt(0);
        }
        return next instanceof Element e && e.normalName().equals("br") ? ' ' : '*';
    }

    /** The character just before the element in reading order (a space at a block edge). */
    private static char before(Node n) {
        for (Node cur = n; cur != null; cur = cur.parent()) {
            Node prev = cur.previousSibling();
            if (prev != null) {
                String text = prev instanceof TextNode t ? t.getWholeText() : prev instanceof Element e ? e.text() : "";
                return text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
            }
            if (!(cur.parent() instanceof Element p) || HtmlToWiki.isBlock(p)) {
                return ' ';
            }
        }
        return ' ';
    }

    private static char after(Node n) {
        for (Node cur = n; cur != null; cur = cur.parent()) {
            Node next = cur.nextSibling();
            if (next != null) {
                String text = next instanceof TextNode t ? t.getWholeText() : next instanceof Element e ? e.text() : "";
                return text.isEmpty() ? ' ' : text.charAt(0);
            }
            if (!(cur.parent() instanceof Element p) || HtmlToWiki.isBlock(p)) {
                return ' ';
            }
        }
        return ' ';
    }

    private static boolean isBoundary(char c) {
        return !Character.isLetterOrDigit(c) && c != '/' && c != '|' && c != ']';
    }

    /** HTML white space (and non-breaking spaces, which editors scatter) as single spaces. */
    static String collapse(String s) {
        return s.replaceAll("[\\s\\u00A0\\u200B]+", " ");
    }
}
