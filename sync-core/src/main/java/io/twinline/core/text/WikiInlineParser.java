package io.twinline.core.text;

import org.jsoup.nodes.Element;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline Jira markup into HTML elements: marks ({@code *bold*}, {@code _italic_}, {@code +underline+},
 * {@code -strike-}, {@code ^sup^}, {@code ~sub~}, also in the braced form {@code {*}…{*}}), {@code {{monospace}}},
 * links {@code [label|url]}, {@code [url]}, bare URLs, mentions {@code [~user]}, attachment links {@code [^file]},
 * images {@code !src!}, emoticons, escapes, {@code \\} line breaks and numeric entities. Colour macros are dropped
 * (their text kept).
 */
final class WikiInlineParser {
    private static final Map<Character, String> MARKS = Map.of('*', "strong", '_', "em", '+', "u", '-', "del",
            '^', "sup", '~', "sub");
    private static final Pattern URL = Pattern.compile("(?i)(?:https?|ftp)://[^\\s\\[\\]|{}<>\"!\\\\]+");
    private static final Pattern SAFE_HREF = Pattern.compile("(?i)(?:https?|ftp|mailto):.+");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S*");
    private static final Pattern ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]{1,6});");
    private static final Pattern COLOR = Pattern.compile("\\{color(?::[^}]*)?}");

    private final UnaryOperator<String> mentionName;

    WikiInlineParser(UnaryOperator<String> mentionName) {
        this.mentionName = mentionName;
    }

    void parse(String s, Element into) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int consumed = 0;
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == '\\') {
                    i = lineBreak(s, i + 2, text, into);
                    continue;
                }
                if (WikiEscaper.escapable(n)) {
                    text.append(n);
                    i += 2;
                    continue;
                }
            } else if (c == '\n') {
                i = lineBreak(s, i + 1, text, into);
                continue;
            } else if (c == '&') {
                Matcher m = ENTITY.matcher(s).region(i, s.length());
                if (m.lookingAt()) {
                    int code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
                    if (Character.isValidCodePoint(code)) {
                        text.appendCodePoint(code);
                        i = m.end();
                        continue;
                    }
                }
            } else if (c == '{') {
                consumed = brace(s, i, text, into);
            } else if (MARKS.containsKey(c)) {
                consumed = mark(s, i, c, false, text, into);
            } else if (c == '[') {
                consumed = link(s, i, text, into);
            } else if (c == '!') {
                consumed = image(s, i, text, into);
            } else if (c == '(') {
                String code = Emoticons.at(s, i);
                if (code != null) {
                    text.append(Emoticons.CODES.get(code));
                    consumed = code.length();
                }
            } else if ((c == 'h' || c == 'H' || c == 'f' || c == 'F') && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
                Matcher m = URL.matcher(s).region(i, s.length());
                if (m.lookingAt()) {
                    String url = m.group().replaceAll("[.,;:?)]+$", "");
                    flush(text, into);
                    into.appendElement("a").attr("href", url).text(url);
                    consumed = url.length();
                }
            }
            if (consumed > 0) {
                i += consumed;
            } else {
                text.append(c);
                i++;
            }
        }
        flush(text, into);
    }

    private int brace(String s, int i, StringBuilder text, Element into) {
        if (s.startsWith("{{", i)) {
            int end = s.indexOf("}}", i + 2);
            int nl = s.indexOf('\n', i);
            if (end > i + 2 && (nl < 0 || nl > end)) {
                flush(text, into);
                into.appendElement("code").text(s.substring(i + 2, end));
                return end + 2 - i;
            }
            return 0;
        }
        Matcher color = COLOR.matcher(s).region(i, s.length());
        if (color.lookingAt()) {
            return color.end() - i;
        }
        if (i + 2 < s.length() && s.charAt(i + 2) == '}' && MARKS.containsKey(s.charAt(i + 1))) {
            return mark(s, i, s.charAt(i + 1), true, text, into);
        }
        return 0;
    }

    /** A mark opening at {@code i} (plain or braced): parsed when a closing mark follows on the same line. */
    private int mark(String s, int i, char c, boolean braced, StringBuilder text, Element into) {
        int start = i + (braced ? 3 : 1);
        if (start >= s.length() || Character.isWhitespace(s.charAt(start))) {
            return 0;
        }
        if (!braced && i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
            return 0;
        }
        for (int j = start; j < s.length(); j++) {
            char d = s.charAt(j);
            if (d == '\n') {
                return 0;
            }
            if (d == '\\') {
                j++;
                continue;
            }
            if (d == '{' && s.startsWith("{{", j)) {
                int end = s.indexOf("}}", j + 2);
                if (end > 0) {
                    j = end + 1;
                    continue;
                }
            }
            boolean bracedClose = j > start && d == '{' && s.startsWith("{" + c + "}", j);
            boolean plainClose = j > start && d == c && !Character.isWhitespace(s.charAt(j - 1))
                    && (j + 1 >= s.length() || !Character.isLetterOrDigit(s.charAt(j + 1)));
            if (bracedClose || plainClose) {
                flush(text, into);
                parse(s.substring(start, j), into.appendElement(MARKS.get(c)));
                return j + (bracedClose ? 3 : 1) - i;
            }
        }
        return 0;
    }

    private int link(String s, int i, StringBuilder text, Element into) {
        int end = closing(s, i + 1, ']');
        if (end < 0) {
            return 0;
        }
        String body = s.substring(i + 1, end);
        if (body.startsWith("~")) {
            flush(text, into);
            String user = body.substring(1).replaceFirst("^accountid:", "");
            text.append(mentionName.apply(user));
            return end + 1 - i;
        }
        if (body.startsWith("^")) {
            String file = body.substring(1).strip();
            flush(text, into);
            into.appendElement("a").attr("href", AttachmentLinks.reference(file)).text(file);
            return end + 1 - i;
        }
        int bar = closing(body, 0, '|');
        String label = bar < 0 ? null : body.substring(0, bar);
        String href = (bar < 0 ? body : body.substring(bar + 1)).strip();
        if (!SAFE_HREF.matcher(href).matches()) {
            if (!SCHEME.matcher(href).matches()) {
                return 0; // [text] without an address is text in Jira too
            }
            text.append(label == null ? "" : label.strip()); // javascript:, data: … : the label only
            return end + 1 - i;
        }
        flush(text, into);
        Element a = into.appendElement("a").attr("href", href);
        if (label == null || label.isBlank()) {
            a.text(href.regionMatches(true, 0, "mailto:", 0, 7) ? href.substring(7) : href);
        } else {
            parse(label, a);
        }
        return end + 1 - i;
    }

    private int image(String s, int i, StringBuilder text, Element into) {
        if (i + 1 >= s.length() || Character.isWhitespace(s.charAt(i + 1))) {
            return 0;
        }
        int end = s.indexOf('!', i + 1);
        int nl = s.indexOf('\n', i + 1);
        if (end < 0 || (nl >= 0 && nl < end) || Character.isWhitespace(s.charAt(end - 1))) {
            return 0;
        }
        String src = s.substring(i + 1, end);
        int bar = src.indexOf('|');
        if (bar >= 0) {
            src = src.substring(0, bar);
        }
        src = src.strip();
        boolean url = src.matches("(?i)https?://\\S+");
        if (!url && SCHEME.matcher(src).matches() && !src.matches("[A-Za-z]:\\\\.*")) {
            return end + 1 - i; // an image from javascript:, data: … is dropped
        }
        if (!url && (!src.contains(".") || src.startsWith("\\"))) {
            return 0;
        }
        flush(text, into);
        Element img = into.appendElement("img").attr("src", url ? src : AttachmentLinks.reference(src));
        if (!url) {
            img.attr("alt", src);
        }
        return end + 1 - i;
    }

    /** A {@code <br>} without the spaces around it (HTML would not show them, so they could not come back). */
    private static int lineBreak(String s, int next, StringBuilder text, Element into) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        text.setLength(end);
        flush(text, into);
        into.appendElement("br");
        while (next < s.length() && s.charAt(next) == ' ') {
            next++;
        }
        return next;
    }

    /** Index of the unescaped {@code close} on the same line, or -1. */
    static int closing(String s, int from, char close) {
        for (int j = from; j < s.length(); j++) {
            char d = s.charAt(j);
            if (d == '\n') {
                return -1;
            }
            if (d == '\\') {
                j++;
            } else if (d == close) {
                return j;
            }
        }
        return -1;
    }

    private static void flush(StringBuilder text, Element into) {
        if (!text.isEmpty()) {
            into.appendText(text.toString());
            text.setLength(0);
        }
    }
}
