package io.twinline.core.text;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** Plain text of sanitised HTML: blocks and {@code <br>} as line breaks, list items as "- ", table cells separated by " | ". */
final class HtmlText {
    private HtmlText() {
    }

    static String of(Element body) {
        StringBuilder sb = new StringBuilder();
        walk(body, sb);
        return sb.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n[ \\t]+", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static void walk(Node n, StringBuilder sb) {
        for (Node c : n.childNodes()) {
            if (c instanceof TextNode t) {
                boolean pre = c.parent() instanceof Element p && p.closest("pre") != null;
                sb.append(pre ? t.getWholeText() : WikiInlineWriter.collapse(t.getWholeText()));
            } else if (c instanceof Element e) {
                String tag = e.normalName();
                switch (tag) {
                    case "br" -> sb.append('\n');
                    case "li" -> {
                        if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '\n') {
                            sb.append('\n');
                        }
                        sb.append("- ");
                        walk(e, sb);
                    }
                    case "td", "th" -> {
                        if (e.elementSiblingIndex() > 0) {
                            sb.append(" | ");
                        }
                        walk(e, sb);
                    }
                    case "img" -> sb.append(e.attr("alt"));
                    default -> {
                        boolean block = HtmlToWiki.isBlock(e);
                        boolean para = tag.equals("p") || tag.matches("h[1-6]|pre|blockquote|table|ul|ol|hr");
                        if (block) {
                            sb.append(para ? "\n\n" : "\n");
                        }
                        walk(e, sb);
                        if (block) {
                            sb.append(para ? "\n\n" : "\n");
                        }
                    }
                }
            }
        }
    }
}
