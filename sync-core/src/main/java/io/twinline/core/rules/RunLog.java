package io.twinline.core.rules;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code log} of a run: every line goes to the agent's log (category {@code io.twinline.rules}) with the twin
 * and direction as context, and is kept on the run result so a test run can show it. A flood ({@code println} in a
 * loop) is contained: past {@code maxLines} lines are only counted (one line at the end says how many), and a line
 * longer than {@code maxLineLength} is cut.
 */
public final class RunLog {
    private static final Logger LOG = Logger.getLogger("io.twinline.rules");

    /** One line a script logged. */
    public record Entry(String level, String message) {
    }

    private final String context;
    private final int maxLines;
    private final int maxLineLength;
    private final List<Entry> entries = new ArrayList<>();
    private long dropped;

    public RunLog(String context) {
        this(context, RulesLimits.defaults().maxLogLines(), RulesLimits.defaults().maxLogLineLength());
    }

    public RunLog(String context, int maxLines, int maxLineLength) {
        this.context = context;
        this.maxLines = maxLines;
        this.maxLineLength = maxLineLength;
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
        if (dropped == 0) {
            return List.copyOf(entries);
        }
        List<Entry> all = new ArrayList<>(entries);
        all.add(new Entry("WARN", dropped + " more log lines dropped (at most " + maxLines + " per run)"));
        return List.copyOf(all);
    }

    private void add(String level, Object message) {
        if (entries.size() >= maxLines) {
            dropped++;
            return;
        }
        String text = String.valueOf(message);
        if (text.length() > maxLineLength) {
            text = text.substring(0, maxLineLength) + "… (" + (text.length() - maxLineLength) + " more characters)";
        }
        entries.add(new Entry(level, text));
        Logger.Level l = Logger.Level.valueOf(level);
        if (LOG.isEnabled(l)) {
            LOG.logf(l, "[%s] %s", context, text);
        }
    }
}
