package io.twinline.core.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The rules a connection starts with. In {@link RulesMode#SCRIPT} mode these texts are each side's editable starting
 * point; in {@link RulesMode#BASIC} mode the same texts run as built-in rules that cannot be edited, so both modes
 * behave alike: summary, description, status and priority by name, labels, comments and attachments merged.
 * Shipped as resources {@code io/twinline/core/rules/defaults/<tracker>-<direction>.groovy}.
 */
public final class DefaultRules {
    private DefaultRules() {
    }

    /** The default rules text for a local tracker ({@code freshdesk} or {@code jira}) and direction. */
    public static String text(String tracker, Direction direction) {
        String t = tracker.toLowerCase(Locale.ROOT);
        if (!t.equals("freshdesk") && !t.equals("jira")) {
            throw new IllegalArgumentException("no default rules for tracker '" + tracker + "' (freshdesk or jira)");
        }
        String resource = "defaults/" + t + "-" + direction.label() + ".groovy";
        try (InputStream in = DefaultRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Basic mode: the built-in rules, compiled (cached by the engine). */
    public static CompiledRules basic(RulesEngine engine, String tracker, Direction direction) {
        return engine.compile(direction, text(tracker, direction));
    }

    /** The rules to run for a mode: the built-in ones in basic mode, {@code scriptText} in script mode. */
    public static CompiledRules forMode(RulesEngine engine, RulesMode mode, String tracker, Direction direction, String scriptText) {
        return mode == RulesMode.BASIC ? basic(engine, tracker, direction) : engine.compile(direction, scriptText);
    }
}
