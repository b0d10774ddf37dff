package io.twinline.core.replica;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.core.digest.Sha256;
import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.CustomField;
import io.twinline.core.model.CustomFields;
import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.NamedValue;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.Timestamps;
import io.twinline.core.model.User;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON form of tickets and replicas: the wire format between the two sides (format version
 * {@value #FORMAT_VERSION}, in {@code "formatVersion"}).
 *
 * <ul>
 *   <li>Known properties are written in a fixed order, null values and empty lists are left out; timestamps are
 *       ISO-8601 UTC text; labels are a list of strings; custom fields an object by name with {@code type} and
 *       {@code value}.</li>
 *   <li>Unknown properties are kept: at the top level they become the ticket's raw attributes, inside comments and
 *       attachments their {@code attributes}; all are written back as they came.</li>
 *   <li>{@link #contentHash(Replica)} hashes a canonical form (keys sorted at every level, no whitespace), so it does
 *       not depend on property order.</li>
 * </ul>
 * Bad input raises {@link ReplicaFormatException} naming the field ({@code replica.comments[2].created: …}) or the
 * line and column of malformed JSON.
 */
public final class ReplicaCodec {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TICKET_FIELDS = Set.of("formatVersion", "key", "id", "summary", "description",
            "status", "priority", "type", "labels", "reporter", "assignee", "comments", "attachments", "customFields",
            "created", "updated", "dueDate", "projectKey");
    private static final Set<String> COMMENT_FIELDS = Set.of("id", "body", "author", "created", "updated", "internal", "remoteId");
    private static final Set<String> ATTACHMENT_FIELDS = Set.of("id", "filename", "mimeType", "filesize", "created",
            "author", "hash", "remoteId");

    private ReplicaCodec() {
    }

    // ---- public API -------------------------------------------------------------------------------------------

    public static String write(Ticket ticket) {
        return text(MAPPER, toNode(ticket));
    }

    public static Replica readReplica(String json) {
        Replica r = new Replica();
        fill(r, parseObject(json, "replica"), "replica");
        return r;
    }

    public static Ticket readTicket(String json) {
        Ticket t = new Ticket();
        fill(t, parseObject(json, "ticket"), "ticket");
        return t;
    }

    /** {@code sha256:<hex>} of the canonical JSON of the replica. */
    public static String contentHash(Replica replica) {
        return Sha256.tagged(canonicalJson(replica).getBytes(StandardCharsets.UTF_8));
    }

    /** The form that is hashed: keys sorted at every level, no whitespace. */
    public static String canonicalJson(Ticket ticket) {
        return text(MAPPER, canonical(toNode(ticket)));
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    public static ObjectNode toNode(Ticket t) {
        ObjectNode o = NODES.objectNode();
        o.put("formatVersion", FORMAT_VERSION);
        putText(o, "key", t.getKey());
        putText(o, "id", t.getId());
        putText(o, "summary", t.getSummary());
        putText(o, "description", t.getDescription());
        putNamed(o, "status", t.getStatus());
        putNamed(o, "priority", t.getPriority());
        putNamed(o, "type", t.getType());
        if (!t.getLabels().isEmpty()) {
            ArrayNode labels = o.putArray("labels");
            t.getLabels().forEach(l -> labels.add(l.getLabel()));
        }
        putUser(o, "reporter", t.getReporter());
        putUser(o, "assignee", t.getAssignee());
        if (!t.getComments().isEmpty()) {
            ArrayNode comments = o.putArray("comments");
            t.getComments().forEach(c -> comments.add(commentNode(c)));
        }
        if (!t.getAttachments().isEmpty()) {
            ArrayNode attachments = o.putArray("attachments");
            t.getAttachments().forEach(a -> attachments.add(attachmentNode(a)));
        }
        ObjectNode fields = NODES.objectNode();
        t.getCustomFields().forEach((name, f) -> {
            if (f != null && f.getValue() != null) {
                ObjectNode fo = fields.putObject(name);
                putText(fo, "type", f.getType());
                fo.set("value", value(f.getValue(), "customFields." + name));
            }
        });
        if (!fields.isEmpty()) {
            o.set("customFields", fields);
        }
        putTime(o, "created", t.getCreated());
        putTime(o, "updated", t.getUpdated());
        putTime(o, "dueDate", t.getDueDate());
        putText(o, "projectKey", t.getProjectKey());
        if (t instanceof Replica r && !r.getCustomKeys().isEmpty()) {
            o.set("customKeys", value(r.getCustomKeys(), "customKeys"));
        }
        t.getAttributes().forEach((k, v) -> {
            if (!o.has(k)) {
                o.set(k, value(v, k));
            }
        });
        return o;
    }

    private static ObjectNode commentNode(Comment c) {
        ObjectNode o = NODES.objectNode();
        putText(o, "id", c.getId());
        putText(o, "body", c.getBody());
        putUser(o, "author", c.getAuthor());
        putTime(o, "created", c.getCreated());
        putTime(o, "updated", c.getUpdated());
        if (c.isInternal()) {
            o.put("internal", true);
        }
        putText(o, "remoteId", c.getRemoteId());
        c.getAttributes().forEach((k, v) -> {
            if (!o.has(k)) {
                o.set(k, value(v, "comment." + k));
            }
        });
        return o;
    }

    private static ObjectNode attachmentNode(Attachment a) {
        ObjectNode o = NODES.objectNode();
        putText(o, "id", a.getId());
        putText(o, "filename", a.getFilename());
        putText(o, "mimeType", a.getMimeType());
        o.put("filesize", a.getFilesize());
        putTime(o, "created", a.getCreated());
        putUser(o, "author", a.getAuthor());
        putText(o, "hash", a.getHash());
        putText(o, "remoteId", a.getRemoteId());
        a.getAttributes().forEach((k, v) -> {
            if (!o.has(k)) {
                o.set(k, value(v, "attachment." + k));
            }
        });
        return o;
    }

    private static void putText(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putTime(ObjectNode o, String name, Instant value) {
        if (value != null) {
            o.put(name, value.toString());
        }
    }

    private static void putNamed(ObjectNode o, String name, NamedValue v) {
        if (v != null && (v.getId() != null || v.getName() != null)) {
            ObjectNode n = o.putObject(name);
            putText(n, "id", v.getId());
            putText(n, "name", v.getName());
        }
    }

    private static void putUser(ObjectNode o, String name, User u) {
        if (u != null) {
            ObjectNode n = o.putObject(name);
            putText(n, "key", u.getKey());
            putText(n, "displayName", u.getDisplayName());
            putText(n, "email", u.getEmail());
            putText(n, "username", u.getUsername());
        }
    }

    /** Free values (custom fields, custom keys, raw attributes): JSON types only, plus the model's own values. */
    private static JsonNode value(Object v, String path) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof CharSequence || v instanceof Character || v instanceof Enum<?>) {
            return NODES.textNode(v.toString());
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (v instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (v instanceof Instant || v instanceof Date || v instanceof TemporalAccessor) {
            try {
                return NODES.textNode(Timestamps.toInstant(v).toString());
            } catch (IllegalArgumentException e) {
                return NODES.textNode(v.toString());
            }
        }
        if (v instanceof Label l) {
            return NODES.textNode(l.getLabel());
        }
        if (v instanceof NamedValue nv) {
            ObjectNode n = NODES.objectNode();
            putText(n, "id", nv.getId());
            putText(n, "name", nv.getName());
            return n;
        }
        if (v instanceof User u) {
            ObjectNode holder = NODES.objectNode();
            putUser(holder, "u", u);
            return holder.get("u");
        }
        if (v instanceof Comment c) {
            return commentNode(c);
        }
        if (v instanceof Attachment a) {
            return attachmentNode(a);
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), value(x, path + "." + k)));
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            int i = 0;
            for (Object x : c) {
                a.add(value(x, path + "[" + i++ + "]"));
            }
            return a;
        }
        if (v instanceof Object[] arr) {
            return value(List.of(arr), path);
        }
        throw new ReplicaFormatException(path + ": a " + v.getClass().getSimpleName()
                + " cannot be written to JSON (use text, numbers, booleans, lists and maps)");
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode o = NODES.objectNode();
            sorted.forEach(o::set);
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = NODES.arrayNode();
            node.forEach(x -> a.add(canonical(x)));
            return a;
        }
        return node;
    }

    private static String text(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    static ObjectNode parseObject(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new ReplicaFormatException(what + ": empty input, expected a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ReplicaFormatException(what + ": malformed JSON"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new ReplicaFormatException(what + ": expected a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Fills a ticket (or replica) from its JSON form. */
    public static void fill(Ticket t, ObjectNode o, String path) {
        JsonNode version = o.get("formatVersion");
        if (version != null && !version.isNull()) {
            if (!version.canConvertToInt() || version.asInt() < 1) {
                throw new ReplicaFormatException(path + ".formatVersion: expected a positive integer, got " + version);
            }
            if (version.asInt() > FORMAT_VERSION) {
                throw new ReplicaFormatException(path + ".formatVersion: " + version.asInt()
                        + " is newer than this build reads (" + FORMAT_VERSION + ")");
            }
        }
        t.setKey(text(o, "key", path));
        t.setId(text(o, "id", path));
        t.setSummary(text(o, "summary", path));
        t.setDescription(text(o, "description", path));
        t.setStatus(named(o, "status", path, Status::new));
        t.setPriority(named(o, "priority", path, Priority::new));
        t.setType(named(o, "type", path, IssueType::new));
        List<String> labels = new ArrayList<>();
        forEach(o, "labels", path, (n, p) -> {
            if (n.isTextual()) {
                labels.add(n.asText());
            } else if (n.isObject() && n.path("label").isTextual()) {
                labels.add(n.get("label").asText());
            } else {
                throw new ReplicaFormatException(p + ": expected a label text, got " + n);
            }
        });
        t.setLabels(labels);
        t.setReporter(user(o.get("reporter"), path + ".reporter"));
        t.setAssignee(user(o.get("assignee"), path + ".assignee"));
        List<Comment> comments = new ArrayList<>();
        forEach(o, "comments", path, (n, p) -> comments.add(comment(n, p)));
        t.setComments(comments);
        List<Attachment> attachments = new ArrayList<>();
        forEach(o, "attachments", path, (n, p) -> attachments.add(attachment(n, p)));
        t.setAttachments(attachments);
        CustomFields fields = new CustomFields();
        JsonNode cf = o.get("customFields");
        if (cf != null && !cf.isNull()) {
            if (!cf.isObject()) {
                throw new ReplicaFormatException(path + ".customFields: expected an object by field name, got " + cf.getNodeType());
            }
            Iterator<Map.Entry<String, JsonNode>> it = cf.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + ".customFields." + e.getKey();
                JsonNode f = e.getValue();
                if (f.isObject() && (f.has("value") || f.has("type"))) {
                    fields.put(e.getKey(), new CustomField(e.getKey(), text((ObjectNode) f, "type", p), plain(f.get("value"))));
                } else {
                    // a bare value is accepted as the field's value
                    fields.put(e.getKey(), new CustomField(e.getKey(), null, plain(f)));
                }
            }
        }
        t.setCustomFields(fields);
        t.setCreated(time(o, "created", path));
        t.setUpdated(time(o, "updated", path));
        t.setDueDate(time(o, "dueDate", path));
        t.setProjectKey(text(o, "projectKey", path));
        if (t instanceof Replica r) {
            JsonNode keys = o.get("customKeys");
            if (keys != null && !keys.isNull()) {
                if (!keys.isObject()) {
                    throw new ReplicaFormatException(path + ".customKeys: expected an object, got " + keys.getNodeType());
                }
                @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) plain(keys);
                r.getCustomKeys().putAll(map);
            }
        }
        o.fields().forEachRemaining(e -> {
            if (!TICKET_FIELDS.contains(e.getKey()) && !(t instanceof Replica && e.getKey().equals("customKeys"))) {
                t.getAttributes().put(e.getKey(), plain(e.getValue()));
            }
        });
    }

    private static Comment comment(JsonNode n, String p) {
        if (!n.isObject()) {
            throw new ReplicaFormatException(p + ": expected a comment object, got " + n.getNodeType());
        }
        ObjectNode o = (ObjectNode) n;
        Comment c = new Comment();
        c.setId(idText(o, "id", p));
        c.setBody(text(o, "body", p));
        c.setAuthor(user(o.get("author"), p + ".author"));
        c.setCreated(time(o, "created", p));
        c.setUpdated(time(o, "updated", p));
        c.setInternal(bool(o, "internal", p));
        c.setRemoteId(idText(o, "remoteId", p));
        o.fields().forEachRemaining(e -> {
            if (!COMMENT_FIELDS.contains(e.getKey())) {
                c.getAttributes().put(e.getKey(), plain(e.getValue()));
            }
        });
        return c;
    }

    private static Attachment attachment(JsonNode n, String p) {
        if (!n.isObject()) {
            throw new ReplicaFormatException(p + ": expected an attachment object, got " + n.getNodeType());
        }
        ObjectNode o = (ObjectNode) n;
        Attachment a = new Attachment();
        a.setId(idText(o, "id", p));
        a.setFilename(text(o, "filename", p));
        a.setMimeType(text(o, "mimeType", p));
        JsonNode size = o.get("filesize");
        if (size != null && !size.isNull()) {
            if (!size.canConvertToLong() || !size.isIntegralNumber()) {
                throw new ReplicaFormatException(p + ".filesize: expected a whole number of bytes, got " + size);
            }
            a.setFilesize(size.asLong());
        }
        a.setCreated(time(o, "created", p));
        a.setAuthor(user(o.get("author"), p + ".author"));
        a.setHash(text(o, "hash", p));
        a.setRemoteId(idText(o, "remoteId", p));
        o.fields().forEachRemaining(e -> {
            if (!ATTACHMENT_FIELDS.contains(e.getKey())) {
                a.getAttributes().put(e.getKey(), plain(e.getValue()));
            }
        });
        return a;
    }

    private static User user(JsonNode n, String p) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new ReplicaFormatException(p + ": expected a user object {key, displayName, email, username}, got " + n.getNodeType());
        }
        ObjectNode o = (ObjectNode) n;
        return new User(idText(o, "key", p), text(o, "displayName", p), text(o, "email", p), text(o, "username", p));
    }

    private static <T extends NamedValue> T named(ObjectNode o, String name, String path,
                                                  java.util.function.BiFunction<String, String, T> make) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        String p = path + "." + name;
        if (n.isTextual()) {
            return make.apply(null, n.asText());
        }
        if (!n.isObject()) {
            throw new ReplicaFormatException(p + ": expected {\"id\": …, \"name\": …}, got " + n.getNodeType());
        }
        return make.apply(idText((ObjectNode) n, "id", p), text((ObjectNode) n, "name", p));
    }

    private static String text(ObjectNode o, String name, String path) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new ReplicaFormatException(path + "." + name + ": expected text, got " + n.getNodeType().name().toLowerCase());
        }
        return n.asText();
    }

    /** Ids are text, but trackers hand out numbers too (Freshdesk): accept both. */
    private static String idText(ObjectNode o, String name, String path) {
        JsonNode n = o.get(name);
        if (n != null && n.isIntegralNumber()) {
            return n.asText();
        }
        return text(o, name, path);
    }

    private static boolean bool(ObjectNode o, String name, String path) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new ReplicaFormatException(path + "." + name + ": expected true or false, got " + n);
        }
        return n.asBoolean();
    }

    private static Instant time(ObjectNode o, String name, String path) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            if (n.isIntegralNumber()) {
                return Instant.ofEpochMilli(n.asLong());
            }
            if (!n.isTextual()) {
                throw new IllegalArgumentException("expected an ISO-8601 timestamp, got " + n.getNodeType().name().toLowerCase());
            }
            return Timestamps.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw new ReplicaFormatException(path + "." + name + ": " + e.getMessage());
        }
    }

    private interface ElementReader {
        void read(JsonNode node, String path);
    }

    private static void forEach(ObjectNode o, String name, String path, ElementReader reader) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            return;
        }
        if (!n.isArray()) {
            throw new ReplicaFormatException(path + "." + name + ": expected a list, got " + n.getNodeType().name().toLowerCase());
        }
        for (int i = 0; i < n.size(); i++) {
            reader.read(n.get(i), path + "." + name + "[" + i + "]");
        }
    }

    /** A JSON value as plain Java: maps, lists, text, numbers, booleans, null. */
    static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        return MAPPER.convertValue(n, Object.class);
    }
}
