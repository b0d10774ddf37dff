package io.twinline.core.rules.sandbox;

import groovy.lang.GString;
import org.codehaus.groovy.runtime.InvokerHelper;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular expressions of a run match against {@link CheckedChars}, so a catastrophic backtrack stops at the time
 * bound: the {@code =~} and {@code ==~} operators, {@code String.matches/replaceAll/replaceFirst/split},
 * {@code find/findAll/eachMatch} with a pattern, and {@code Pattern.matcher/split/matches}. Results are the same as
 * Groovy's own.
 */
final class SandboxRegex {
    /** Marks "not a regex call: dispatch as usual". */
    static final Object NOT_REGEX = new Object();
    private static final Set<String> GROOVY_REGEX_METHODS = Set.of("find", "findAll", "eachMatch");

    private SandboxRegex() {
    }

    /** {@code left ==~ right}, as Groovy's {@code InvokerHelper.matchRegex}. */
    static boolean matchRegex(Object left, Object right) {
        if (left == null || right == null) {
            return false;
        }
        return pattern(right).matcher(checked(left)).matches();
    }

    /** {@code left =~ right}: a matcher, as Groovy's {@code InvokerHelper.findRegex}. */
    static Matcher findRegex(Object left, Object right) {
        return pattern(right).matcher(checked(left));
    }

    /** A regex call on a string or pattern, run on checked characters; {@link #NOT_REGEX} for any other call. */
    static Object call(Object receiver, String method, Object[] args) {
        int n = args == null ? 0 : args.length;
        if (receiver instanceof String s) {
            switch (method) {
                case "matches" -> {
                    if (n == 1 && isRegex(args[0])) {
                        return pattern(args[0]).matcher(new CheckedChars(s)).matches();
                    }
                }
                case "replaceAll", "replaceFirst" -> {
                    if (n == 2 && isRegex(args[0]) && args[1] instanceof CharSequence replacement) {
                        Matcher m = pattern(args[0]).matcher(new CheckedChars(s));
                        return method.equals("replaceAll") ? m.replaceAll(replacement.toString()) : m.replaceFirst(replacement.toString());
                    }
                }
                case "split" -> {
                    if ((n == 1 || (n == 2 && args[1] instanceof Integer)) && args[0] instanceof CharSequence regex) {
                        return Pattern.compile(regex.toString()).split(new CheckedChars(s), n == 2 ? (Integer) args[1] : 0);
                    }
                }
                default -> {
                }
            }
        }
        if (receiver instanceof CharSequence text && GROOVY_REGEX_METHODS.contains(method) && n >= 1 && isRegex(args[0])) {
            // Groovy's own find/findAll/eachMatch, handed the checked characters as the text to search
            return InvokerHelper.invokeMethod(checked(text), method, args);
        }
        if (receiver instanceof Pattern p && n == 1 && args[0] instanceof CharSequence input) {
            if (method.equals("matcher")) {
                return p.matcher(checked(input));
            }
            if (method.equals("split")) {
                return p.split(checked(input));
            }
        }
        return NOT_REGEX;
    }

    /** {@code Pattern.matches(regex, input)}. */
    static Object callStatic(Class<?> owner, String method, Object[] args) {
        if (owner == Pattern.class && method.equals("matches") && args != null && args.length == 2
                && args[0] instanceof CharSequence regex && args[1] instanceof CharSequence input) {
            return Pattern.compile(regex.toString()).matcher(checked(input)).matches();
        }
        return NOT_REGEX;
    }

    private static boolean isRegex(Object o) {
        return o instanceof String || o instanceof GString || o instanceof Pattern;
    }

    private static Pattern pattern(Object regex) {
        return regex instanceof Pattern p ? p : Pattern.compile(InvokerHelper.toString(regex));
    }

    private static CheckedChars checked(Object text) {
        return text instanceof CheckedChars c ? c : new CheckedChars(InvokerHelper.toString(text));
    }
}
