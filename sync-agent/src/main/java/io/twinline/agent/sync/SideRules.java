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
import java.util.function.Supplier;
import java.time.Duration;
import java.time.Instant;

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
    private final Supplier<String> remote;
    private final Duration refresh;
    private FileTime loadedAt;
    private Instant fetchedAt = Instant.EPOCH;
    private CompiledRules compiled;

    SideRules(RulesEngine engine, Direction direction, Optional<Path> file, String trackerType) {
        this(engine, direction, file, trackerType, null, Duration.ZERO);
    }

    /** With {@code remote}: rules read from connection-service (when no file is given), re-read every {@code refresh}. */
    SideRules(RulesEngine engine, Direction direction, Optional<Path> file, String trackerType, Supplier<String> remote,
              Duration refresh) {
        this.engine = engine;
        this.direction = direction;
        this.file = file;
        this.tracker = trackerType.toLowerCase(Locale.ROOT);
        this.remote = remote;
        this.refresh = refresh;
    }

    private CompiledRules fromRemote() {
        if (compiled != null && Instant.now().isBefore(fetchedAt.plus(refresh))) {
            return compiled;
        }
        try {
            String text = remote.get();
            CompiledRules fresh = engine.compile(direction, text); // cached by text: unchanged rules cost no compile
            if (compiled != null && fresh != compiled) {
                LOG.infof("%s rules changed in connection-service; now running the new version", direction);
            }
            compiled = fresh;
        } catch (RuntimeException e) {
            if (compiled == null) {
                throw new IllegalStateException("the " + direction + " rules cannot be read from connection-service: " + e.getMessage(), e);
            }
            LOG.warnf("the %s rules cannot be re-read from connection-service (%s); keeping the previous ones", direction, e.getMessage());
        }
        fetchedAt = Instant.now();
        return compiled;
    }

    synchronized CompiledRules current() {
        if (file.isEmpty() && remote != null) {
            return fromRemote();
        }
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
