package io.twinline.core.rules;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code log} of a run: every line goes to the agent's log (category {@code io.twinline.rules}) with the twin
 * and direction as context, and is kept on the run result so a test run can show it.
 */
public final class RunLog {
    private static final Logger LOG = Logger.getLogger("io.twinline.rules");
    private static final int MAX_ENTRIES = 1000;

    /** One line a script logged. */
    public record Entry(String level, String message) {
    }

    private final String context;
    private final List<Entry> entries = new ArrayList<>();

    public RunLog(String context) {
        this.context = context;
    }

    public void trace(Object message) {
        add("TRACE", message);
    }

    public void debug(Object message) {
        add("DEBUG", message);
    }

    public void info(Object message) {
        add("INFO", message);
    }

    public void warn(Object message) {
        add("WARN", message);
    }

    public void error(Object message) {
        add("ERROR", message);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    private void add(String level, Object message) {
        String text = String.valueOf(message);
        if (entries.size() < MAX_ENTRIES) {
            entries.add(new Entry(level, text));
        }
        Logger.Level l = Logger.Level.valueOf(level);
        if (LOG.isEnabled(l)) {
            LOG.logf(l, "[%s] %s", context, text);
        }
    }
}
