package io.twinline.core.tracker.catalogue;

import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Status;
import io.twinline.core.model.User;
import io.twinline.core.tracker.TrackerCatalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A catalogue from fixed lists: the offline defaults, tests, and connectors that load the tracker's values once.
 * Immutable; build with {@link #builder(String)}.
 */
public final class StaticCatalogue implements TrackerCatalogue {
    private final String trackerType;
    private final List<Status> statuses;
    private final List<Priority> priorities;
    private final List<IssueType> issueTypes;
    private final List<Label> labels;
    private final List<User> users;
    private final UnaryOperator<String> labelForm;
    // by lower-case name: rules look values up on every run
    private final Map<String, Status> statusByName;
    private final Map<String, Priority> priorityByName;
    private final Map<String, IssueType> typeByName;

    private StaticCatalogue(Builder b) {
        this.trackerType = b.trackerType;
        this.statuses = List.copyOf(b.statuses);
        this.priorities = List.copyOf(b.priorities);
        this.issueTypes = List.copyOf(b.issueTypes);
        this.labels = List.copyOf(b.labels);
        this.users = List.copyOf(b.users);
        this.labelForm = b.labelForm;
        this.statusByName = index(statuses, Status::getName);
        this.priorityByName = index(priorities, Priority::getName);
        this.typeByName = index(issueTypes, IssueType::getName);
    }

    private static <T> Map<String, T> index(List<T> values, Function<T, String> name) {
        Map<String, T> map = new HashMap<>();
        for (T v : values) {
            if (name.apply(v) != null) {
                map.putIfAbsent(name.apply(v).toLowerCase(Locale.ROOT), v);
            }
        }
        return Map.copyOf(map);
    }

    private static <T> Optional<T> find(Map<String, T> index, String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(index.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<Status> status(String name) {
        return find(statusByName, name);
    }

    @Override
    public Optional<Priority> priority(String name) {
        return find(priorityByName, name);
    }

    @Override
    public Optional<IssueType> issueType(String name) {
        return find(typeByName, name);
    }

    public static Builder builder(String trackerType) {
        return new Builder(trackerType);
    }

    @Override
    public String trackerType() {
        return trackerType;
    }

    @Override
    public List<Status> statuses() {
        return statuses;
    }

    @Override
    public List<Priority> priorities() {
        return priorities;
    }

    @Override
    public List<IssueType> issueTypes() {
        return issueTypes;
    }

    @Override
    public List<Label> labels() {
        return labels;
    }

    @Override
    public Optional<User> userByEmail(String email) {
        return users.stream().filter(u -> u.getEmail() != null && u.getEmail().equalsIgnoreCase(email)).findFirst();
    }

    @Override
    public Optional<User> userById(String id) {
        return users.stream().filter(u -> id != null && id.equals(u.getKey())).findFirst();
    }

    @Override
    public Optional<User> userByUsername(String username) {
        return users.stream().filter(u -> u.getUsername() != null && u.getUsername().equalsIgnoreCase(username)).findFirst();
    }

    @Override
    public Optional<Label> label(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Label(labelForm.apply(text.trim())));
    }

    /** Builder of a {@link StaticCatalogue}. */
    public static final class Builder {
        private final String trackerType;
        private final List<Status> statuses = new ArrayList<>();
        private final List<Priority> priorities = new ArrayList<>();
        private final List<IssueType> issueTypes = new ArrayList<>();
        private final List<Label> labels = new ArrayList<>();
        private final List<User> users = new ArrayList<>();
        private UnaryOperator<String> labelForm = UnaryOperator.identity();

        private Builder(String trackerType) {
            this.trackerType = trackerType.toLowerCase(Locale.ROOT);
        }

        public Builder status(String id, String name) {
            statuses.add(new Status(id, name));
            return this;
        }

        public Builder priority(String id, String name) {
            priorities.add(new Priority(id, name));
            return this;
        }

        public Builder issueType(String id, String name) {
            issueTypes.add(new IssueType(id, name));
            return this;
        }

        public Builder label(String label) {
            labels.add(new Label(label));
            return this;
        }

        public Builder user(User user) {
            users.add(user);
            return this;
        }

        /** How a text becomes a label in this tracker (Jira: no whitespace). */
        public Builder labelForm(UnaryOperator<String> form) {
            this.labelForm = form;
            return this;
        }

        public StaticCatalogue build() {
            return new StaticCatalogue(this);
        }
    }
}
