package io.twinline.simulator.jira;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The JQL subset that triggers and polling use: clauses {@code field op value} with
 * =, !=, &gt;, &gt;=, &lt;, &lt;=, ~, IN (…), NOT IN (…), IS [NOT] EMPTY; AND (binds tighter), OR, NOT,
 * parentheses; ORDER BY field [ASC|DESC], …. Absolute dates have minute resolution and are read in UTC
 * (the sync user's zone); relative dates ({@code "-5d"}) count from the simulator's clock.
 */
public final class Jql {

    /** What the query needs to know about one issue. */
    public interface Subject {
        /** Values of a field; strings for text fields, {@link Instant} for dates. Empty when unset. */
        List<Object> values(String field);
    }

    /** Field knowledge the parser checks names and values against. */
    public interface Catalogue {
        boolean knowsField(String field);

        /** Null when the value is fine, else the error message. */
        String checkValue(String field, String value);
    }

    public record Order(String field, boolean ascending) {
    }

    public record Query(Predicate<Subject> where, List<Order> orderBy) {
    }

    public static final class JqlException extends RuntimeException {
        public JqlException(String message) {
            super(message);
        }
    }

    static final List<String> DATE_FIELDS = List.of("updated", "created", "duedate", "resolutiondate");

    private final List<Token> tokens;
    private final Catalogue catalogue;
    private final Instant now;
    private int pos;

    private record Token(String text, boolean quoted) {
        boolean is(String word) {
            return !quoted && text.equalsIgnoreCase(word);
        }
    }

    private Jql(List<Token> tokens, Catalogue catalogue, Instant now) {
        this.tokens = tokens;
        this.catalogue = catalogue;
        this.now = now;
    }

    public static Query parse(String jql, Catalogue catalogue, Instant now) {
        Jql p = new Jql(tokenize(jql == null ? "" : jql), catalogue, now);
        Predicate<Subject> where = s -> true;
        if (p.pos < p.tokens.size() && !p.peekIs("ORDER")) {
            where = p.or();
        }
        List<Order> order = new ArrayList<>();
        if (p.peekIs("ORDER")) {
            p.pos++;
            if (!p.peekIs("BY")) {
                throw new JqlException("Error in the JQL Query: expecting 'BY' after 'ORDER'.");
            }
            p.pos++;
            do {
                String field = p.next("a field name after ORDER BY").text.toLowerCase(Locale.ROOT);
                if (!catalogue.knowsField(field)) {
                    throw new JqlException("Not able to sort using field '" + field + "'.");
                }
                boolean asc = true;
                if (p.peekIs("ASC")) {
                    p.pos++;
                } else if (p.peekIs("DESC")) {
                    p.pos++;
                    asc = false;
                }
                order.add(new Order(field, asc));
            } while (p.accept(","));
        }
        if (p.pos < p.tokens.size()) {
            throw new JqlException("Error in the JQL Query: Expecting either 'OR' or 'AND' but got '"
                    + p.tokens.get(p.pos).text + "'.");
        }
        return new Query(where, order);
    }

    /** Compares issues as an ORDER BY list says; ties end up in key order. */
    public static Comparator<Subject> comparator(List<Order> order, Comparator<Subject> tieBreak) {
        Comparator<Subject> c = (a, b) -> 0;
        for (Order o : order) {
            Comparator<Subject> f = o.field().equals("key") || o.field().equals("issuekey")
                    ? Comparator.comparing((Subject s) -> first(s.values("key")).toString(), Jql::compareKeys)
                    : (a, b) -> compareValues(first(a.values(o.field())), first(b.values(o.field())));
            c = c.thenComparing(o.ascending() ? f : f.reversed());
        }
        return c.thenComparing(tieBreak);
    }

    /** Keys sort by project, then numerically: TEST-9 before TEST-10. */
    public static int compareKeys(String a, String b) {
        int da = a.lastIndexOf('-');
        int db = b.lastIndexOf('-');
        int c = a.substring(0, Math.max(da, 0)).compareTo(b.substring(0, Math.max(db, 0)));
        return c != 0 ? c : Long.compare(keyNumber(a), keyNumber(b));
    }

    private static Object first(List<Object> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return a.toString().compareToIgnoreCase(b.toString());
    }

    // ---- grammar --------------------------------------------------------------------------------

    private Predicate<Subject> or() {
        Predicate<Subject> left = and();
        while (peekIs("OR")) {
            pos++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Subject> and() {
        Predicate<Subject> left = unary();
        while (peekIs("AND")) {
            pos++;
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<Subject> unary() {
        if (peekIs("NOT")) {
            pos++;
            return unary().negate();
        }
        if (accept("(")) {
            Predicate<Subject> inner = or();
            if (!accept(")")) {
                throw new JqlException("Error in the JQL Query: Expecting ')' before the end of the query.");
            }
            return inner;
        }
        return clause();
    }

    private Predicate<Subject> clause() {
        Token f = next("a field name");
        String field = f.text.toLowerCase(Locale.ROOT);
        if (field.equals("type")) {
            field = "issuetype";
        }
        if (!catalogue.knowsField(field)) {
            throw new JqlException("Field '" + f.text + "' does not exist or you do not have permission to view it.");
        }
        final String name = field;
        if (peekIs("IS")) {
            pos++;
            boolean not = false;
            if (peekIs("NOT")) {
                pos++;
                not = true;
            }
            Token v = next("EMPTY");
            if (!v.is("EMPTY") && !v.is("NULL")) {
                throw new JqlException("Error in the JQL Query: expecting EMPTY or NULL after IS.");
            }
            Predicate<Subject> empty = s -> s.values(name).isEmpty();
            return not ? empty.negate() : empty;
        }
        boolean negatedIn = false;
        if (peekIs("NOT")) {
            pos++;
            negatedIn = true;
            if (!peekIs("IN")) {
                throw new JqlException("Error in the JQL Query: expecting IN after NOT.");
            }
        }
        if (peekIs("IN")) {
            pos++;
            if (!accept("(")) {
                throw new JqlException("Error in the JQL Query: expecting '(' after IN.");
            }
            List<Predicate<Subject>> any = new ArrayList<>();
            do {
                Token v = next("a value");
                any.add(equality(name, v));
            } while (accept(","));
            if (!accept(")")) {
                throw new JqlException("Error in the JQL Query: expecting ')' to close the IN list.");
            }
            Predicate<Subject> in = s -> any.stream().anyMatch(p -> p.test(s));
            return negatedIn ? in.negate() : in;
        }
        Token opToken = next("an operator");
        String op = opToken.text;
        if (opToken.quoted || !List.of("=", "!=", ">", ">=", "<", "<=", "~", "!~").contains(op)) {
            throw new JqlException("Error in the JQL Query: expecting an operator but got '" + op + "'.");
        }
        Token value = next("a value");
        switch (op) {
            case "=":
                return equality(name, value);
            case "!=":
                return equality(name, value).negate();
            case "~":
                return contains(name, value.text);
            case "!~":
                return contains(name, value.text).negate();
            default:
                return ordering(name, op, value);
        }
    }

    private Predicate<Subject> equality(String field, Token value) {
        if (value.is("EMPTY") || value.is("NULL")) {
            return s -> s.values(field).isEmpty();
        }
        if (DATE_FIELDS.contains(field)) {
            Instant[] range = JqlDates.range(value.text, value.quoted, now);
            return s -> s.values(field).stream().anyMatch(v -> v instanceof Instant i
                    && !i.isBefore(range[0]) && i.isBefore(range[1]));
        }
        String error = catalogue.checkValue(field, value.text);
        if (error != null) {
            throw new JqlException(error);
        }
        if (field.equals("key") || field.equals("issuekey")) {
            return s -> s.values("key").stream().anyMatch(v -> v.toString().equalsIgnoreCase(value.text))
                    || s.values("id").stream().anyMatch(v -> v.toString().equals(value.text));
        }
        return s -> s.values(field).stream().anyMatch(v -> v.toString().equalsIgnoreCase(value.text));
    }

    private Predicate<Subject> contains(String field, String text) {
        String needle = text.replace("*", "").toLowerCase(Locale.ROOT);
        return s -> s.values(field).stream().anyMatch(v -> v.toString().toLowerCase(Locale.ROOT).contains(needle));
    }

    private Predicate<Subject> ordering(String field, String op, Token value) {
        if (DATE_FIELDS.contains(field)) {
            Instant at = JqlDates.range(value.text, value.quoted, now)[0];
            return s -> s.values(field).stream().anyMatch(v -> v instanceof Instant i && compare(i.compareTo(at), op));
        }
        if (field.equals("key") || field.equals("issuekey")) {
            long n = keyNumber(value.text);
            String project = value.text.substring(0, Math.max(0, value.text.lastIndexOf('-')));
            return s -> s.values("key").stream().anyMatch(v -> v.toString().startsWith(project + "-")
                    && compare(Long.compare(keyNumber(v.toString()), n), op));
        }
        return s -> s.values(field).stream().anyMatch(v -> compare(v.toString().compareToIgnoreCase(value.text), op));
    }

    private static long keyNumber(String key) {
        try {
            return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
        } catch (RuntimeException e) {
            throw new JqlException("The issue key '" + key + "' for field 'key' is invalid.");
        }
    }

    private static boolean compare(int c, String op) {
        return switch (op) {
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            default -> c <= 0;
        };
    }

    // ---- tokens ---------------------------------------------------------------------------------

    private boolean peekIs(String word) {
        return pos < tokens.size() && tokens.get(pos).is(word);
    }

    private boolean accept(String symbol) {
        if (pos < tokens.size() && !tokens.get(pos).quoted && tokens.get(pos).text.equals(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private Token next(String what) {
        if (pos >= tokens.size()) {
            throw new JqlException("Error in the JQL Query: Expecting " + what + " but reached the end of the query.");
        }
        return tokens.get(pos++);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    sb.append(s.charAt(j++));
                }
                if (j >= s.length()) {
                    throw new JqlException("Error in the JQL Query: The quoted string '" + sb + "' has not been completed.");
                }
                out.add(new Token(sb.toString(), true));
                i = j + 1;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(new Token(String.valueOf(c), false));
                i++;
            } else if (c == '=' || c == '~') {
                out.add(new Token(String.valueOf(c), false));
                i++;
            } else if (c == '!' || c == '>' || c == '<') {
                if (i + 1 < s.length() && (s.charAt(i + 1) == '=' || s.charAt(i + 1) == '~')) {
                    out.add(new Token(s.substring(i, i + 2), false));
                    i += 2;
                } else {
                    out.add(new Token(String.valueOf(c), false));
                    i++;
                }
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "()=,!<>~\"'".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                out.add(new Token(s.substring(i, j), false));
                i = j;
            }
        }
        return out;
    }
}
