package io.twinline.agent.sync;

import io.twinline.core.rules.CompiledRules;
import io.twinline.core.rules.DefaultRules;
import io.twinline.core.rules.Direction;
import io.twinline.core.rules.RulesEngine;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Optional;

/**
 * One direction of this side's rules: a Groovy file from the agent's configuration, re-read when it changes, or the
 * default rules for the tracker. The engine caches compiled rules per text, so re-reading costs no compile.
 */
final class SideRules {

    private static final Logger LOG = Logger.getLogger(SideRules.class);

    private final RulesEngine engine;
    private final Direction direction;
    private final Optional<Path> file;
    private final String tracker;
    private FileTime loadedAt;
    private CompiledRules compiled;

    SideRules(RulesEngine engine, Direction direction, Optional<Path> file, String trackerType) {
        this.engine = engine;
        this.direction = direction;
        this.file = file;
        this.tracker = trackerType.toLowerCase(Locale.ROOT);
    }

    synchronized CompiledRules current() {
        if (file.isEmpty()) {
            if (compiled == null) {
                compiled = engine.compile(direction, DefaultRules.text(tracker, direction));
            }
            return compiled;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file.get());
            if (compiled == null || !modified.equals(loadedAt)) {
                // A file that does not compile keeps the previous rules running, with the error in the log.
                CompiledRules fresh = engine.compile(direction, Files.readString(file.get()));
                if (compiled != null) {
                    LOG.infof("%s rules reloaded from %s", direction, file.get());
                }
                compiled = fresh;
                loadedAt = modified;
            }
            return compiled;
        } catch (IOException e) {
            if (compiled != null) {
                LOG.errorf("%s rules file %s unreadable (%s); keeping the previous rules", direction, file.get(), e.getMessage());
                return compiled;
            }
            throw new UncheckedIOException("cannot read " + direction + " rules from " + file.get(), e);
        } catch (RuntimeException e) {
            if (compiled != null) {
                LOG.errorf("%s rules in %s do not compile (%s); keeping the previous rules", direction, file.get(), e.getMessage());
                return compiled;
            }
            throw e;
        }
    }
}
