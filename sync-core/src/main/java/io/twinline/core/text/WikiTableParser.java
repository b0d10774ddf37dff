package io.twinline.core.text;

import org.jsoup.nodes.Element;

/** Jira table rows ({@code ||heading||} and {@code |cell|}) as an HTML table; a link's or image's {@code |} is not a cell edge. */
final class WikiTableParser {
    private final WikiInlineParser inline;

    WikiTableParser(WikiInlineParser inline) {
        this.inline = inline;
    }

    void table(String[] lines, int from, int to, Element into) {
        Element body = into.appendElement("table").appendElement("tbody");
        for (int i = from; i < to; i++) {
            row(lines[i].strip(), body.appendElement("tr"));
        }
    }

    private void row(String s, Element tr) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '|') {
            boolean heading = s.startsWith("||", i);
            int start = i + (heading ? 2 : 1);
            int end = cellEnd(s, start);
            if (end == start && end >= s.length()) {
                break;
            }
            String content = s.substring(start, end).strip();
            if (end >= s.length() && content.isEmpty()) {
                break;
            }
            inline.parse(content, tr.appendElement(heading ? "th" : "td"));
            i = end;
        }
    }

    private static int cellEnd(String s, int from) {
        int depthLink = 0;
        boolean inImage = false;
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '{' && s.startsWith("{{", j)) {
                int end = s.indexOf("}}", j + 2);
                if (end > 0) {
                    j = end + 1;
                }
            } else if (c == '[') {
                depthLink++;
            } else if (c == ']' && depthLink > 0) {
                depthLink--;
            } else if (c == '!' && j + 1 < s.length() && !Character.isWhitespace(s.charAt(j + 1)) && !inImage) {
                int close = s.indexOf('!', j + 1);
                if (close > 0) {
                    inImage = true;
                }
            } else if (c == '!' && inImage) {
                inImage = false;
            } else if (c == '|' && depthLink == 0 && !inImage) {
                return j;
            }
        }
        return s.length();
    }
}
