package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the simulated Jira holds: the catalogue (users, workflow, projects, fields) and issues with their parts. */
final class JiraModel {

    private JiraModel() {
    }

    record User(String name, String displayName, String email) {
    }

    record Status(String id, String name, int categoryId) {
    }

    record Transition(String id, String name, String from, String to, boolean resolutionOnScreen) {
    }

    record Project(String id, String key, String name) {
    }

    record NamedId(String id, String name) {
    }

    record CustomField(String id, String name, String type, List<String> options) {
    }

    static final class Issue {
        String id;
        String key;
        Project project;
        NamedId issueType;
        String summary;
        String description;
        Status status;
        NamedId priority;
        String resolution;
        Instant resolutionDate;
        List<String> labels = new ArrayList<>();
        String assignee;
        String reporter;
        String creator;
        LocalDate dueDate;
        Map<String, JsonNode> custom = new LinkedHashMap<>();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Instant created;
        Instant updated;
        /** On a draft only: comment bodies of {@code update.comment[].add}, written once the edit succeeds. */
        final List<String> pendingComments = new ArrayList<>();
    }

    static final class Comment {
        String id;
        String issueId;
        String author;
        String updateAuthor;
        String body;
        JsonNode visibility;
        Instant created;
        Instant updated;
    }

    static final class Attachment {
        String id;
        String issueId;
        String filename;
        String author;
        String mimeType;
        byte[] bytes;
        Instant created;
    }
}
