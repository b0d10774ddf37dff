package io.twinline.simulator.freshdesk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Freshdesk's filter-tickets grammar: {@code field:value}, {@code field:>value} (≥),
 * {@code field:<value} (≤), strings in single quotes, {@code null}, AND (binds tighter), OR, parentheses.
 * Date fields compare by UTC day only.
 */
final class FreshdeskQuery {

    static final Set<String> STANDARD = Set.of("agent_id", "group_id", "priority", "status", "tag", "type",
            "due_by", "fr_due_by", "created_at", "updated_at");
    static final Set<String> DATES = Set.of("due_by", "fr_due_by", "created_at", "updated_at");

    /** A ticket seen by the query: the values of one field (several for tags). */
    interface Fields extends Function<String, List<Object>> {
    }

    static final class ParseError extends RuntimeException {
        ParseError(String message) {
            super(message);
        }
    }

    private final String text;
    private final Set<String> customFields;
    private int pos;

    private FreshdeskQuery(String text, Set<String> customFields) {
        this.text = text;
        this.customFields = customFields;
    }

    static Predicate<Fields> parse(String text, Set<String> customFields) {
        FreshdeskQuery q = new FreshdeskQuery(text, customFields);
        Predicate<Fields> p = q.or();
        q.skipSpaces();
        if (q.pos != text.length()) {
            throw new ParseError("Unexpected text at position " + q.pos + ": '" + text.substring(q.pos) + "'");
        }
        return p;
    }

    private Predicate<Fields> or() {
        Predicate<Fields> left = and();
        while (keyword("OR")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Fields> and() {
        Predicate<Fields> left = primary();
        while (keyword("AND")) {
            left = left.and(primary());
        }
        return left;
    }

    private Predicate<Fields> primary() {
        skipSpaces();
        if (peek() == '(') {
            pos++;
            Predicate<Fields> inner = or();
            skipSpaces();
            expect(')');
            return inner;
        }
        return term();
    }

    private Predicate<Fields> term() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String field = text.substring(start, pos);
        if (field.isEmpty()) {
            throw new ParseError("Expected a field name at position " + start);
        }
        if (!STANDARD.contains(field) && !customFields.contains(field)) {
            throw new ParseError("Unknown field '" + field + "'");
        }
        expect(':');
        char op = '=';
        if (peek() == '>' || peek() == '<') {
            op = text.charAt(pos++);
        }
        Object value = value();
        boolean date = DATES.contains(field);
        if (date && value != null) {
            if (!(value instanceof String s) || !s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new ParseError("Date fields take a date only (yyyy-mm-dd): " + field);
            }
            value = LocalDate.parse((String) value);
        }
        if (op != '=' && !(value instanceof Long) && !(value instanceof LocalDate)) {
            throw new ParseError("':" + op + "' needs a number or a date");
        }
        final Object v = value;
        final char o = op;
        return fields -> {
            List<Object> actual = fields.apply(field);
            if (v == null) {
                return actual.isEmpty() || actual.stream().allMatch(a -> a == null);
            }
            for (Object a : actual) {
                if (a != null && compare(a, v, o)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean compare(Object actual, Object expected, char op) {
        if (expected instanceof LocalDate d) {
            LocalDate day = ((Instant) actual).atZone(ZoneOffset.UTC).toLocalDate();
            int c = day.compareTo(d);
            return op == '=' ? c == 0 : op == '>' ? c >= 0 : c <= 0;
        }
        if (expected instanceof Long n) {
            long a;
            if (actual instanceof Number num) {
                a = num.longValue();
            } else {
                try {
                    a = Long.parseLong(actual.toString());
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return op == '=' ? a == n : op == '>' ? a >= n : a <= n;
        }
        if (expected instanceof Boolean b) {
            return actual.toString().equalsIgnoreCase(b.toString());
        }
        return actual.toString().equalsIgnoreCase(expected.toString());
    }

    private Object value() {
        skipSpaces();
        if (peek() == '\'') {
            int end = text.indexOf('\'', pos + 1);
            if (end < 0) {
                throw new ParseError("Unterminated string starting at position " + pos);
            }
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ')') {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.equals("null")) {
            return null;
        }
        if (word.equals("true") || word.equals("false")) {
            return Boolean.valueOf(word);
        }
        if (word.matches("-?\\d+")) {
            return Long.valueOf(word);
        }
        throw new ParseError("Invalid value '" + word + "' (strings need single quotes)");
    }

    private boolean keyword(String kw) {
        skipSpaces();
        if (text.startsWith(kw, pos) && (pos + kw.length() == text.length()
                || Character.isWhitespace(text.charAt(pos + kw.length())) || text.charAt(pos + kw.length()) == '(')) {
            pos += kw.length();
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new ParseError("Expected '" + c + "' at position " + pos);
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    static List<Object> list(Object... values) {
        List<Object> l = new ArrayList<>();
        for (Object v : values) {
            l.add(v);
        }
        return l;
    }
}
