package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.SimClock;
import io.twinline.simulator.jira.JiraModel.Attachment;
import io.twinline.simulator.jira.JiraModel.Comment;
import io.twinline.simulator.jira.JiraModel.CustomField;
import io.twinline.simulator.jira.JiraModel.Issue;
import io.twinline.simulator.jira.JiraModel.NamedId;
import io.twinline.simulator.jira.JiraModel.Project;
import io.twinline.simulator.jira.JiraModel.Status;
import io.twinline.simulator.jira.JiraModel.Transition;
import io.twinline.simulator.jira.JiraModel.User;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated server's state and its seed data. Not thread-safe by itself: every handler runs under
 * {@link JiraApi}'s monitor, which is this store.
 */
final class JiraStore {

    static final String NOT_FOUND = "Issue does not exist or you do not have permission to see it.";

    final Map<String, User> users = new LinkedHashMap<>();
    final Map<String, Status> statuses = new LinkedHashMap<>();
    final List<Transition> transitions = new ArrayList<>();
    final Map<String, Project> projects = new LinkedHashMap<>();
    final List<NamedId> issueTypes = new ArrayList<>();
    final List<NamedId> priorities = new ArrayList<>();
    final List<NamedId> resolutions = new ArrayList<>();
    final List<CustomField> customFields = new ArrayList<>();
    final Map<String, Issue> issues = new LinkedHashMap<>();
    final Map<String, Comment> comments = new LinkedHashMap<>();
    final Map<String, Attachment> attachments = new LinkedHashMap<>();
    private final Map<String, Integer> keyCounters = new HashMap<>();
    private final SimClock clock;
    private long nextIssueId;
    private long nextCommentId;
    private long nextAttachmentId;
    long uploadLimit;
    /** The simulator's own address, for {@code self} links. */
    String baseUrl = "http://127.0.0.1";

    JiraStore(SimClock clock) {
        this.clock = clock;
    }

    /** Back to the seed data. */
    void reset() {
        users.clear();
        statuses.clear();
        transitions.clear();
        projects.clear();
        issueTypes.clear();
        priorities.clear();
        resolutions.clear();
        customFields.clear();
        issues.clear();
        comments.clear();
        attachments.clear();
        keyCounters.clear();
        nextIssueId = 10000;
        nextCommentId = 20000;
        nextAttachmentId = 30000;
        uploadLimit = JiraApi.DEFAULT_UPLOAD_LIMIT;
        users.put("admin", new User("admin", "Administrator", "admin@jira.example"));
        users.put("jdoe", new User("jdoe", "John Doe", "jdoe@jira.example"));
        statuses.put("1", new Status("1", "Open", 2));
        statuses.put("3", new Status("3", "In Progress", 4));
        statuses.put("4", new Status("4", "Reopened", 2));
        statuses.put("5", new Status("5", "Resolved", 3));
        statuses.put("6", new Status("6", "Closed", 3));
        // The classic Jira workflow.
        for (String from : List.of("1", "4")) {
            transitions.add(new Transition("4", "Start Progress", from, "3", false));
            transitions.add(new Transition("5", "Resolve Issue", from, "5", true));
            transitions.add(new Transition("2", "Close Issue", from, "6", true));
        }
        transitions.add(new Transition("301", "Stop Progress", "3", "1", false));
        transitions.add(new Transition("5", "Resolve Issue", "3", "5", true));
        transitions.add(new Transition("2", "Close Issue", "3", "6", true));
        transitions.add(new Transition("701", "Close Issue", "5", "6", false));
        transitions.add(new Transition("3", "Reopen Issue", "5", "4", false));
        transitions.add(new Transition("3", "Reopen Issue", "6", "4", false));
        projects.put("TEST", new Project("10000", "TEST", "Test project"));
        projects.put("OPS", new Project("10001", "OPS", "Operations"));
        issueTypes.addAll(List.of(new NamedId("1", "Bug"), new NamedId("3", "Task"), new NamedId("10001", "Story")));
        priorities.addAll(List.of(new NamedId("1", "Highest"), new NamedId("2", "High"), new NamedId("3", "Medium"),
                new NamedId("4", "Low"), new NamedId("5", "Lowest")));
        resolutions.addAll(List.of(new NamedId("1", "Fixed"), new NamedId("2", "Won't Fix"), new NamedId("3", "Duplicate"),
                new NamedId("10000", "Done")));
        customFields.add(new CustomField("customfield_10100", "Twin ID", "string", null));
        customFields.add(new CustomField("customfield_10200", "Sector", "option", List.of("finance", "retail", "public")));
        customFields.add(new CustomField("customfield_10300", "Order number", "string", null));
        Instant now = now();
        seed("TEST", "1", "Login page throws 500", "Steps: open /login", "3", List.of("backend"), "1", now.minus(Duration.ofDays(3)));
        seed("TEST", "3", "Update TLS certificates", null, "2", List.of("ops", "security"), "3", now.minus(Duration.ofDays(2)));
        seed("OPS", "3", "Rotate backup tapes", "Weekly rotation", "4", List.of(), "1", now.minus(Duration.ofHours(5)));
    }

    private void seed(String project, String type, String summary, String description, String priority,
                      List<String> labels, String status, Instant at) {
        Issue i = newIssue(projects.get(project));
        i.issueType = issueTypes.stream().filter(t -> t.id().equals(type)).findFirst().orElseThrow();
        i.summary = summary;
        i.description = description;
        i.priority = priorities.stream().filter(p -> p.id().equals(priority)).findFirst().orElseThrow();
        i.labels.addAll(labels);
        i.status = statuses.get(status);
        i.reporter = "admin";
        i.creator = "admin";
        i.created = JiraTime.truncate(at);
        i.updated = i.created;
        issues.put(i.id, i);
    }

    /** Now, in Jira's milliseconds. */
    Instant now() {
        return JiraTime.truncate(clock.instant());
    }

    /** An issue with the next id and the next key of its project, not stored yet. */
    Issue newIssue(Project p) {
        Issue i = new Issue();
        i.id = String.valueOf(nextIssueId++);
        i.project = p;
        i.key = p.key() + "-" + keyCounters.merge(p.key(), 1, Integer::sum);
        return i;
    }

    /** Stores a comment on the issue; the issue's {@code updated} moves. */
    Comment newComment(Issue i, String body, JsonNode visibility, String author) {
        Comment c = new Comment();
        c.id = String.valueOf(nextCommentId++);
        c.issueId = i.id;
        c.author = author;
        c.updateAuthor = author;
        c.body = body;
        c.visibility = visibility;
        c.created = now();
        c.updated = c.created;
        comments.put(c.id, c);
        i.updated = now();
        return c;
    }

    /** Writes the comments a successful edit carried in {@code update.comment}. */
    void addPendingComments(Issue draft, Issue target, String author) {
        for (String b : draft.pendingComments) {
            newComment(target, b, null, author);
        }
    }

    Attachment newAttachment() {
        Attachment a = new Attachment();
        a.id = String.valueOf(nextAttachmentId++);
        return a;
    }

    /** By id or (case-insensitive) key; null when there is none. */
    Issue find(String idOrKey) {
        Issue i = issues.get(idOrKey);
        if (i != null) {
            return i;
        }
        return issues.values().stream().filter(x -> x.key.equalsIgnoreCase(idOrKey)).findFirst().orElse(null);
    }

    /** The issue of a path parameter; 404 when there is none. */
    Issue issue(String idOrKey) {
        Issue i = find(idOrKey);
        if (i == null) {
            throw new ApiError(404, null, NOT_FOUND);
        }
        return i;
    }

    List<Comment> commentsOf(Issue i) {
        return comments.values().stream().filter(c -> c.issueId.equals(i.id))
                .sorted(Comparator.comparing((Comment c) -> c.created).thenComparing(c -> Long.parseLong(c.id))).toList();
    }

    /** The workflow's transitions out of the issue's status. */
    List<Transition> available(Issue i) {
        return transitions.stream().filter(t -> t.from().equals(i.status.id())).toList();
    }

    /** A custom field by id, {@code cf[N]} or name (as JQL names it); null when there is none. */
    String customFieldId(String field) {
        for (CustomField cf : customFields) {
            if (cf.id().equals(field) || ("cf[" + cf.id().substring("customfield_".length()) + "]").equals(field)
                    || cf.name().equalsIgnoreCase(field)) {
                return cf.id();
            }
        }
        return null;
    }

    /** An {@code {"id"}} / {@code {"name"}} reference or a bare name, resolved in a catalogue list. */
    static NamedId byNameOrId(List<NamedId> list, JsonNode ref) {
        if (ref == null || ref.isNull()) {
            return null;
        }
        String id = ref.isObject() ? Json.text(ref, "id") : null;
        String name = ref.isObject() ? Json.text(ref, "name") : ref.asText();
        return list.stream().filter(n -> (id != null && n.id().equals(id)) || (name != null && n.name().equalsIgnoreCase(name)))
                .findFirst().orElse(null);
    }
}
