package io.twinline.core.text;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sanitised HTML as Jira markup, block by block: paragraphs, the one-line-per-{@code div} style of e-mail clients
 * and editors, headings, lists, tables, quotes, code blocks and rules. Blocks are separated by a blank line; lines
 * of one paragraph by a single line break (which Jira shows as a line break).
 */
final class HtmlToWiki {
    private static final Set<String> LINE_BLOCKS = Set.of("div", "section", "article", "header", "footer", "main",
            "center", "address", "dd", "dt", "dl", "li", "tr", "td", "th", "tbody", "thead", "tfoot", "caption",
            "figure", "figcaption", "nav", "aside", "colgroup", "col");
    private static final Set<String> BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
            "blockquote", "pre", "hr");
    private static final Pattern LANGUAGE = Pattern.compile("(?:language|lang)-([A-Za-z0-9+#_-]+)");

    private final WikiInlineWriter inline;
    private final WikiTableWriter tables;

    HtmlToWiki(AttachmentLinks links) {
        this.inline = new WikiInlineWriter(links);
        this.tables = new WikiTableWriter(this, inline);
    }

    static boolean isBlock(Element e) {
        return LINE_BLOCKS.contains(e.normalName()) || BLOCKS.contains(e.normalName()) || e.normalName().equals("body");
    }

    String convert(Element body) {
        return String.join("\n\n", blocks(body, false));
    }

    /** The blocks of a container; {@code inQuote}: quotes do not nest in Jira, so inner ones are flattened. */
    List<String> blocks(Element container, boolean inQuote) {
        Out out = new Out();
        walk(container, out, inQuote);
        out.endPara();
        return out.blocks;
    }

    private void walk(Element container, Out out, boolean inQuote) {
        for (Node n : container.childNodes()) {
            if (!(n instanceof Element e) || !isBlock(e)) {
                out.inline(inline.node(n));
                continue;
            }
            switch (e.normalName()) {
                case "p" -> {
                    out.endPara();
                    walk(e, out, inQuote);
                    out.endPara();
                }
                case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    String text = oneLine(inline.children(e));
                    out.block(text.isEmpty() ? "" : e.normalName() + ". " + text);
                }
                case "ul", "ol" -> out.block(list(e, ""));
                case "table" -> out.block(tables.table(e));
                case "blockquote" -> {
                    if (inQuote) {
                        out.endPara();
                        walk(e, out, true);
                        out.endPara();
                    } else {
                        List<String> inner = blocks(e, true);
                        out.block(inner.isEmpty() ? "" : "{quote}\n" + String.join("\n\n", inner) + "\n{quote}");
                    }
                }
                case "pre" -> out.block(code(e));
                case "hr" -> out.block("----");
                default -> {
                    out.endLine();
                    walk(e, out, inQuote);
                    out.endLine();
                }
            }
        }
    }

    /** A list and its nested lists, one item per line, {@code prefix} the markers of the enclosing lists. */
    String list(Element list, String prefix) {
        String marker = prefix + (list.normalName().equals("ol") ? "#" : "*");
        List<String> lines = new ArrayList<>();
        for (Element li : list.children()) {
            if (li.normalName().equals("ul") || li.normalName().equals("ol")) {
                lines.add(list(li, marker));
                continue;
            }
            List<Element> nested = new ArrayList<>();
            StringBuilder own = new StringBuilder();
            for (Node n : li.childNodes()) {
                if (n instanceof Element e && (e.normalName().equals("ul") || e.normalName().equals("ol"))) {
                    nested.add(e);
                } else if (n instanceof Element e && isBlock(e)) {
                    own.append('\n').append(String.join("\n", blocks(e, true))).append('\n');
                } else {
                    own.append(inline.node(n));
                }
            }
            List<String> textLines = new ArrayList<>();
            for (String l : own.toString().split("\n")) {
                if (!l.isBlank()) {
                    textLines.add(WikiEscaper.lineStart(WikiEscaper.tidy(l)));
                }
            }
            if (!textLines.isEmpty()) {
                lines.add(marker + " " + String.join("\n", textLines));
            }
            for (Element e : nested) {
                String inner = list(e, marker);
                if (!inner.isEmpty()) {
                    lines.add(inner);
                }
            }
        }
        return String.join("\n", lines);
    }

    private String code(Element pre) {
        Element code = pre.children().size() == 1 && pre.child(0).normalName().equals("code")
                && pre.textNodes().stream().allMatch(TextNode::isBlank) ? pre.child(0) : null;
        String language = language(pre);
        if (language == null && code != null) {
            language = language(code);
        }
        String text = preText(pre).replaceAll("\\A\\n", "").replaceAll("[ \\t]*\\n\\z", "").stripTrailing();
        if (text.isBlank()) {
            return "";
        }
        if (language != null) {
            return "{code:" + language + "}\n" + text + "\n{code}";
        }
        return code != null ? "{code}\n" + text + "\n{code}" : "{noformat}\n" + text + "\n{noformat}";
    }

    private static String language(Element e) {
        for (String c : e.classNames()) {
            var m = LANGUAGE.matcher(c);
            if (m.matches()) {
                return m.group(1).toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    /** The text of a {@code pre} as typed: white space kept, {@code <br>} and blocks inside as line breaks. */
    private static String preText(Node n) {
        StringBuilder sb = new StringBuilder();
        for (Node c : n.childNodes()) {
            if (c instanceof TextNode t) {
                sb.append(t.getWholeText().replace('\u00A0', ' '));
            } else if (c instanceof Element e) {
                if (e.normalName().equals("br")) {
                    sb.append('\n');
                } else {
                    sb.append(preText(e));
                    if (isBlock(e) && !sb.isEmpty() && sb.charAt(sb.length() - 1) != '\n') {
                        sb.append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    static String oneLine(String s) {
        return s.replace('\n', ' ').replaceAll(" {2,}", " ").strip();
    }

    /** Collects inline text into paragraphs: one line break ends a line, two (or an empty line block) a paragraph. */
    private static final class Out {
        final List<String> blocks = new ArrayList<>();
        private final StringBuilder para = new StringBuilder();

        void inline(String s) {
            para.append(s);
        }

        void endLine() {
            if (!para.isEmpty() && para.charAt(para.length() - 1) != '\n') {
                para.append('\n');
            }
        }

        void endPara() {
            for (String p : para.toString().split("\n[ \\t]*\n")) {
                List<String> lines = new ArrayList<>();
                for (String line : p.split("\n")) {
                    String l = WikiEscaper.tidy(line);
                    if (!l.isEmpty()) {
                        lines.add(WikiEscaper.lineStart(l));
                    }
                }
                if (!lines.isEmpty()) {
                    blocks.add(String.join("\n", lines));
                }
            }
            para.setLength(0);
        }

        void block(String b) {
            endPara();
            if (!b.isBlank()) {
                blocks.add(b);
            }
        }
    }
}
