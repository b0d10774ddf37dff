package io.twinline.core.tracker;

import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Status;
import io.twinline.core.model.User;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a tracker knows about its own values, so that {@code nodeHelper} in sync rules answers from the real
 * tracker. Connectors implement it (reading Freshdesk ticket fields / Jira statuses, priorities, users) and should
 * cache: rules call it on every run. Offline defaults live in {@code io.twinline.core.tracker.catalogue}.
 *
 * <p>Name lookups are case-insensitive. Implementations must be thread-safe.
 */
public interface TrackerCatalogue {

    /** {@code freshdesk} or {@code jira}. */
    String trackerType();

    List<Status> statuses();

    List<Priority> priorities();

    List<IssueType> issueTypes();

    /** Labels known to be in use (may be empty: both trackers accept new labels freely). */
    List<Label> labels();

    Optional<User> userByEmail(String email);

    Optional<User> userById(String id);

    Optional<User> userByUsername(String username);

    default Optional<Status> status(String name) {
        return byName(statuses(), name, Status::getName);
    }

    default Optional<Priority> priority(String name) {
        return byName(priorities(), name, Priority::getName);
    }

    default Optional<IssueType> issueType(String name) {
        return byName(issueTypes(), name, IssueType::getName);
    }

    /**
     * The label for a text as this tracker would store it (Jira labels cannot contain spaces), or empty when the text
     * cannot be a label (blank).
     */
    default Optional<Label> label(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Label(text.trim()));
    }

    private static <T> Optional<T> byName(List<T> values, String name, java.util.function.Function<T, String> nameOf) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (T v : values) {
            String n = nameOf.apply(v);
            if (n != null && n.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
