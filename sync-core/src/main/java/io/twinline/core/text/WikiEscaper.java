package io.twinline.core.text;

import java.util.regex.Pattern;

/**
 * Escapes plain text so that Jira reads it as the same text, not as markup. It escapes only what could open
 * markup (a mark character followed by a non-space after a non-letter, a brace, a bracket, a pipe, an image bang,
 * an emoticon), so ordinary text such as {@code e-mail} or {@code 2 * 3} stays as typed. {@link WikiInlineParser}
 * reads every escape back.
 */
final class WikiEscaper {
    static final String MARKS = "*_+-^~";
    private static final Pattern LINE_START = Pattern.compile("^(?:([*#]+|-) |(h[1-6]|bq)\\. )");
    private static final Pattern NUMERIC_ENTITY_AHEAD = Pattern.compile("&#x?[0-9a-fA-F]+;");

    private WikiEscaper() {
    }

    /** True for characters a backslash escapes in Jira markup. */
    static boolean escapable(char c) {
        return !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
    }

    static String text(String s) {
        return text(s, '*', "");
    }

    /** {@code following}: the first character of what comes after this text ({@code *} when unknown: be careful). */
    static String text(String s, char following, String openMarks) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char prev = i == 0 ? ' ' : s.charAt(i - 1);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : following;
            if (MARKS.indexOf(c) >= 0) {
                boolean opener = !Character.isLetterOrDigit(prev) && !Character.isWhitespace(next);
                // inside a mark of the same character, one that could close it is escaped too
                boolean closer = openMarks.indexOf(c) >= 0 && !Character.isWhitespace(prev) && !Character.isLetterOrDigit(next);
                out.append(opener || closer ? "\\" : "").append(c);
            } else if (c == '{' || c == '[' || c == '|') {
                out.append('\\').append(c);
            } else if (c == '!') {
                out.append(!Character.isWhitespace(next) ? "\\!" : "!");
            } else if (c == '(' && Emoticons.at(s, i) != null) {
                out.append("\\(");
            } else if (c == '\\') {
                out.append(escapable(next) ? "&#92;" : "\\");
            } else if (c == '&' && NUMERIC_ENTITY_AHEAD.matcher(s).region(i, s.length()).lookingAt()) {
                out.append("&#38;");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Runs of spaces as one (HTML shows them as one, so the way back would not keep them). */
    static String tidy(String line) {
        return line.replaceAll(" {2,}", " ").strip();
    }

    /** A backslash ending a cell or label would escape the {@code |} or {@code ]} that follows: write it as an entity. */
    static String beforeDelimiter(String text) {
        return text.endsWith("\\") ? text.substring(0, text.length() - 1) + "&#92;" : text;
    }

    /** Text inside a link's label: also {@code ]} and {@code |} end it. */
    static String linkText(String escaped) {
        return beforeDelimiter(escaped.replace("]", "\\]"));
    }

    /** A line that would start a list, heading or quote gets its first character escaped. */
    static String lineStart(String line) {
        var m = LINE_START.matcher(line);
        if (!m.find()) {
            return line;
        }
        if (m.group(1) != null) {
            return "\\" + line;
        }
        int dot = m.end(2);
        return line.substring(0, dot) + "\\" + line.substring(dot);
    }
}
