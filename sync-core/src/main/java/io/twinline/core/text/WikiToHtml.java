package io.twinline.core.text;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jira markup as HTML, line by line: paragraphs (a single line break inside stays a {@code <br>}), headings
 * {@code h1.}–{@code h6.}, lists ({@code *}, {@code -}, {@code #}, nested and mixed), tables, {@code bq.} and
 * {@code {quote}}, {@code {panel}} (as a quote), {@code {code[:language]}}, {@code {noformat}} and {@code ----}.
 */
final class WikiToHtml {
    private static final Pattern HEADING = Pattern.compile("h([1-6])\\.\\s+(.*)");
    private static final Pattern LIST_ITEM = Pattern.compile("([*#]+|-)\\s+(.*)");
    private static final Pattern CODE_OPEN = Pattern.compile("\\{(code|noformat)(?::([^}]*))?}(.*)");
    private static final Pattern BLOCK_OPEN = Pattern.compile("\\{(quote|panel)(?::[^}]*)?}(.*)");
    private static final Pattern RULE = Pattern.compile("-{4,}");

    private final WikiInlineParser inline;
    private final WikiTableParser tables;

    WikiToHtml(WikiInlineParser inline) {
        this.inline = inline;
        this.tables = new WikiTableParser(inline);
    }

    void convert(String wiki, Element into) {
        String[] lines = wiki.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        blocks(lines, 0, lines.length, into);
    }

    private void blocks(String[] lines, int from, int to, Element into) {
        List<String> para = new ArrayList<>();
        int i = from;
        while (i < to) {
            String line = lines[i];
            String t = line.strip();
            Matcher m;
            if (t.isEmpty()) {
                paragraph(para, into);
                i++;
            } else if ((m = CODE_OPEN.matcher(t)).matches()) {
                paragraph(para, into);
                i = code(lines, i, to, m, into);
            } else if ((m = BLOCK_OPEN.matcher(t)).matches()) {
                paragraph(para, into);
                i = quote(lines, i, to, m, into);
            } else if ((m = HEADING.matcher(t)).matches()) {
                paragraph(para, into);
                inline.parse(m.group(2).strip(), into.appendElement("h" + m.group(1)));
                i++;
            } else if (t.startsWith("bq. ")) {
                paragraph(para, into);
                inline.parse(t.substring(4).strip(), into.appendElement("blockquote").appendElement("p"));
                i++;
            } else if (RULE.matcher(t).matches()) {
                paragraph(para, into);
                into.appendElement("hr");
                i++;
            } else if (LIST_ITEM.matcher(t).matches()) {
                paragraph(para, into);
                i = list(lines, i, to, into);
            } else if (t.startsWith("|")) {
                paragraph(para, into);
                int end = i;
                while (end < to && lines[end].strip().startsWith("|")) {
                    end++;
                }
                tables.table(lines, i, end, into);
                i = end;
            } else {
                para.add(t);
                i++;
            }
        }
        paragraph(para, into);
    }

    private void paragraph(List<String> lines, Element into) {
        if (!lines.isEmpty()) {
            inline.parse(String.join("\n", lines), into.appendElement("p"));
            lines.clear();
        }
    }

    private int code(String[] lines, int i, int to, Matcher open, Element into) {
        String kind = open.group(1);
        String close = "{" + kind + "}";
        StringBuilder body = new StringBuilder();
        String first = open.group(3);
        int j = i;
        String rest = first;
        while (true) {
            int end = rest.indexOf(close);
            if (end >= 0) {
                body.append(rest, 0, end);
                j++;
                break;
            }
            body.append(rest).append('\n');
            j++;
            if (j >= to) {
                break;
            }
            rest = lines[j];
        }
        String text = body.toString().replaceAll("\\A\\n", "").replaceAll("\\s+\\z", "");
        Element pre = into.appendElement("pre");
        String language = language(open.group(2));
        if (kind.equals("noformat")) {
            pre.text(text);
        } else {
            Element code = pre.appendElement("code").text(text);
            if (language != null) {
                code.addClass("language-" + language);
            }
        }
        return j;
    }

    /** {@code {code:java}} or {@code {code:language=java|title=…}}; a bare {@code title=…} names no language. */
    private static String language(String params) {
        if (params == null || params.isBlank()) {
            return null;
        }
        for (String p : params.split("\\|")) {
            String v = p.strip();
            if (v.startsWith("language=")) {
                v = v.substring(9);
            } else if (v.contains("=")) {
                continue;
            }
            if (v.matches("[A-Za-z0-9+#_-]+")) {
                return v.toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private int quote(String[] lines, int i, int to, Matcher open, Element into) {
        String close = "{" + open.group(1) + "}";
        List<String> inner = new ArrayList<>();
        String rest = open.group(2);
        int j = i;
        while (true) {
            int end = rest.indexOf(close);
            if (end >= 0) {
                inner.add(rest.substring(0, end));
                j++;
                break;
            }
            inner.add(rest);
            j++;
            if (j >= to) {
                break;
            }
            rest = lines[j];
        }
        Element quote = into.appendElement("blockquote");
        String[] body = inner.toArray(String[]::new);
        blocks(body, 0, body.length, quote);
        if (quote.childNodeSize() == 0) {
            quote.remove();
        }
        return j;
    }

    /** Consecutive list lines (and lines continuing an item) as nested {@code ul}/{@code ol}. */
    private int list(String[] lines, int i, int to, Element into) {
        List<Element> stack = new ArrayList<>(); // stack.get(d) is the list at depth d+1
        Element lastItem = null;
        int j = i;
        while (j < to) {
            String t = lines[j].strip();
            Matcher m = LIST_ITEM.matcher(t);
            if (m.matches()) {
                String markers = m.group(1).equals("-") ? "*" : m.group(1);
                int depth = markers.length();
                while (stack.size() > depth) {
                    stack.remove(stack.size() - 1);
                }
                for (int d = 0; d < depth; d++) {
                    String tag = markers.charAt(d) == '#' ? "ol" : "ul";
                    if (d < stack.size() && !stack.get(d).normalName().equals(tag)) {
                        while (stack.size() > d) {
                            stack.remove(stack.size() - 1);
                        }
                    }
                    if (d >= stack.size()) {
                        Element parent = d == 0 ? into : lastLi(stack.get(d - 1));
                        stack.add(parent.appendElement(tag));
                    }
                }
                lastItem = stack.get(depth - 1).appendElement("li");
                inline.parse(m.group(2).strip(), lastItem);
                j++;
            } else if (!t.isEmpty() && lastItem != null && !startsBlock(t)) {
                lastItem.appendElement("br");
                inline.parse(t, lastItem);
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    private static Element lastLi(Element list) {
        Element li = list.children().isEmpty() ? null : list.child(list.childrenSize() - 1);
        return li != null && li.normalName().equals("li") ? li : list.appendElement("li");
    }

    private static boolean startsBlock(String t) {
        return t.startsWith("|") || t.startsWith("bq. ") || HEADING.matcher(t).matches() || RULE.matcher(t).matches()
                || CODE_OPEN.matcher(t).matches() || BLOCK_OPEN.matcher(t).matches();
    }

    static Document newDocument() {
        Document doc = Document.createShell("");
        doc.outputSettings().prettyPrint(false);
        return doc;
    }
}
