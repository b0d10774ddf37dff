package io.twinline.core.rules.sandbox;

import groovy.lang.GString;
import groovy.lang.IntRange;
import groovy.lang.Range;
import io.twinline.core.rules.RulesLimits;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size caps of a run ({@link RulesLimits}): strings, collections and big numbers. Calls whose result size can be
 * told from their arguments ({@code 'x' * n}, {@code 2G ** n}, {@code padLeft(n)}, {@code list << x},
 * {@code new ArrayList(n)}, …) are refused <em>before</em> they allocate; every other result is checked after the
 * call. What slips through (a library call that builds a lot in one go) is caught by the run's allocation budget,
 * which the thread waiting for the run watches.
 */
final class ResourceGuard {
    private static final double LOG10_2 = Math.log10(2);
    /** Width and precision of a format specifier: {@code %[index$][flags][width][.precision]conversion}. */
    private static final Pattern FORMAT_SIZE = Pattern.compile("%(?:\\d+\\$)?[-#+ 0,(<]*(\\d+)?(?:\\.(\\d+))?");
    /** Methods of a big number that stay cheap whatever its size. */
    private static final Set<String> CHEAP_ON_HUGE = Set.of("toString", "equals", "hashCode", "compareTo", "signum",
            "scale", "precision", "is", "isCase", "asBoolean", "inspect");

    private ResourceGuard() {
    }

    // ---- the caps ---------------------------------------------------------------------------------------------

    static void string(long length) {
        int max = RunGuard.limits().maxStringLength();
        if (length > max) {
            throw RunGuard.limit("a string of " + length + " characters is over the limit of " + max + " (maxStringLength)");
        }
    }

    static void collection(long size) {
        int max = RunGuard.limits().maxCollectionSize();
        if (size > max) {
            throw RunGuard.limit("a collection of " + size + " elements is over the limit of " + max + " (maxCollectionSize)");
        }
    }

    static void digits(double digits) {
        int max = RunGuard.limits().maxNumberDigits();
        if (digits > max) {
            throw RunGuard.limit("a number of about " + (long) Math.min(digits, Long.MAX_VALUE) + " digits is over the limit of "
                    + max + " (maxNumberDigits)");
        }
    }

    // ---- before a call ----------------------------------------------------------------------------------------

    /** Refuses a call on {@code receiver} whose result would be over a cap, before it runs. */
    static void beforeCall(Object receiver, String method, Object[] args) {
        Object first = args != null && args.length > 0 ? args[0] : null;
        if (receiver instanceof CharSequence text) {
            switch (method) {
                case "multiply", "repeat" -> string(times(length(text), count(first)));
                case "padLeft", "padRight", "center" -> string(count(first));
                case "expand" -> string(times(length(text), Math.max(1, count(first))));
                case "plus", "concat", "leftShift", "append" -> string(length(text) + length(first));
                case "insert" -> string(length(text) + length(args != null && args.length > 1 ? args[1] : null));
                case "setLength" -> string(count(first));
                case "format" -> format(String.valueOf(first)); // String.format called on an instance
                case "formatted" -> format(receiver.toString());
                default -> {
                }
            }
        } else if (receiver instanceof Collection<?> || receiver instanceof Map<?, ?>) {
            long size = size(receiver);
            switch (method) {
                case "multiply" -> collection(times(size, count(first)));
                case "plus", "addAll", "putAll", "leftShift", "add", "put", "push", "insert", "putIfAbsent" ->
                        collection(size + sizeOfArgument(method, args));
                case "putAt" -> collection(Math.max(size + 1, count(first) + 1));
                default -> {
                }
            }
        } else if (receiver instanceof Number number) {
            switch (method) {
                case "power" -> power(number, first);
                case "multiply" -> digits(digitsOf(number) + digitsOf(first));
                case "leftShift" -> {
                    if (number instanceof BigInteger) {
                        digits(digitsOf(number) + Math.max(0, count(first)) * LOG10_2);
                    }
                }
                case "setScale" -> digits(Math.abs(count(first)));
                default -> {
                    if (!CHEAP_ON_HUGE.contains(method)) {
                        number(number);
                    }
                }
            }
        }
    }

    /** Static calls and constructors whose argument is the size of what they build. */
    static void beforeStatic(Class<?> owner, String method, Object[] args) {
        Object first = args != null && args.length > 0 ? args[0] : null;
        if (owner == java.util.Collections.class && method.equals("nCopies")) {
            collection(count(first));
        } else if (owner == String.class && method.equals("format") && first != null) {
            format(first.toString());
        }
    }

    static void beforeConstruct(Class<?> type, Object[] args) {
        if (args == null || args.length != 1 || !(args[0] instanceof Number n)) {
            return;
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            string(n.longValue());
        } else if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            collection(n.longValue());
        }
    }

    /** {@code base ** exponent}: Groovy keeps an integral base integral, so the digits multiply. */
    static void power(Object base, Object exponent) {
        if (!(base instanceof Number b) || !(exponent instanceof Number e) || base instanceof Double || base instanceof Float
                || exponent instanceof Double || exponent instanceof Float || exponent instanceof BigDecimal) {
            return; // a floating-point power stays a double
        }
        long times = count(e);
        if (times <= 1) {
            return;
        }
        double perPower;
        if (b instanceof BigDecimal d) {
            perPower = Math.max(d.precision(), Math.abs((double) d.scale()));
        } else {
            BigInteger i = b instanceof BigInteger big ? big : BigInteger.valueOf(b.longValue());
            int bits = i.abs().bitLength();
            perPower = bits <= 1 ? 0 : (bits - 1) * LOG10_2; // 0, 1 and -1 stay small
        }
        digits(perPower * times);
    }

    private static void format(String pattern) {
        if (pattern.indexOf('%') < 0) {
            return;
        }
        Matcher m = FORMAT_SIZE.matcher(pattern);
        while (m.find()) {
            for (int g = 1; g <= 2; g++) {
                String digits = m.group(g);
                if (digits != null) {
                    string(digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits));
                }
            }
        }
    }

    // ---- after a call -----------------------------------------------------------------------------------------

    /** Refuses a result over a cap (what the call built is dropped before the script sees it). */
    static Object result(Object value) {
        if (value instanceof String s) {
            string(s.length());
        } else if (value instanceof StringBuilder || value instanceof StringBuffer) {
            string(((CharSequence) value).length());
        } else if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            collection(size(value));
        } else if (value instanceof Object[] array) {
            collection(array.length);
        } else if (value instanceof BigInteger || value instanceof BigDecimal) {
            number((Number) value);
        }
        return value;
    }

    /** A big number over the digits cap (e.g. {@code 1e999999999} parsed from JSON) is refused before it is used. */
    static void number(Number n) {
        if (n instanceof BigInteger || n instanceof BigDecimal) {
            digits(digitsOf(n));
        }
    }

    /** A range is lazy, but whatever walks or collects it is not: its size is capped like a collection's. */
    static Object range(Object value) {
        if (value instanceof IntRange r) {
            collection(r.size());
        } else if (value instanceof Range<?> r && r.getFrom() instanceof Number from && r.getTo() instanceof Number to) {
            collection(new BigDecimal(to.toString()).subtract(new BigDecimal(from.toString())).abs()
                    .min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue());
        }
        return value;
    }

    // ---- sizes ------------------------------------------------------------------------------------------------

    private static double digitsOf(Object n) {
        if (n instanceof BigInteger i) {
            return i.bitLength() * LOG10_2;
        }
        if (n instanceof BigDecimal d) {
            return Math.max(d.precision(), Math.abs((double) d.scale()));
        }
        return n instanceof Number ? 20 : 0;
    }

    private static long length(Object o) {
        if (o instanceof String s) {
            return s.length();
        }
        if (o instanceof GString || !(o instanceof CharSequence)) {
            return o == null ? 4 : 0; // a GString's length is only known once it is built; its result is checked then
        }
        return ((CharSequence) o).length();
    }

    private static long size(Object o) {
        if (o instanceof Range<?> && !(o instanceof IntRange)) {
            return 0; // capped when made; an ObjectRange counts by walking
        }
        if (o instanceof Collection<?> c) {
            return c.size();
        }
        if (o instanceof Map<?, ?> m) {
            return m.size();
        }
        if (o instanceof Object[] a) {
            return a.length;
        }
        return 1;
    }

    private static long sizeOfArgument(String method, Object[] args) {
        if (args == null || args.length == 0) {
            return 0;
        }
        Object last = args[args.length - 1];
        if (method.equals("addAll") || method.equals("putAll") || method.equals("plus")) {
            return last instanceof Collection<?> || last instanceof Map<?, ?> || last instanceof Object[] ? size(last) : 1;
        }
        return 1;
    }

    /** {@code a * b} for sizes, saturating instead of overflowing; negative counts build nothing. */
    private static long times(long a, long b) {
        if (a <= 0 || b <= 0) {
            return 0;
        }
        long high = Math.multiplyHigh(a, b);
        return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static long count(Object o) {
        if (o instanceof BigInteger b) {
            return b.bitLength() > 62 ? (b.signum() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2) : b.longValue();
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        return 0;
    }
}
