package io.twinline.core.text;

import java.util.LinkedHashMap;
import java.util.Map;

/** Jira's parenthesised emoticons and the emoji they read as (the smileys such as {@code :)} stay as they are typed). */
final class Emoticons {
    static final Map<String, String> CODES = new LinkedHashMap<>();

    static {
        CODES.put("(y)", "👍");
        CODES.put("(n)", "👎");
        CODES.put("(i)", "ℹ️");
        CODES.put("(/)", "✅");
        CODES.put("(x)", "❌");
        CODES.put("(!)", "⚠️");
        CODES.put("(?)", "❓");
        CODES.put("(on)", "💡");
        CODES.put("(off)", "💡");
        CODES.put("(*)", "⭐");
        CODES.put("(+)", "➕");
        CODES.put("(-)", "➖");
    }

    private Emoticons() {
    }

    /** The code starting at {@code i} of {@code s}, or null. */
    static String at(CharSequence s, int i) {
        if (s.charAt(i) != '(') {
            return null;
        }
        for (String code : CODES.keySet()) {
            if (i + code.length() <= s.length() && s.subSequence(i, i + code.length()).toString().equals(code)) {
                return code;
            }
        }
        return null;
    }
}
