package io.twinline.core.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.core.model.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One replica version on its way between the sides (see docs/architecture.md, data flow): which connection and twin, which side
 * sent it, the sender's local key, the per-twin version (strictly increasing per twin and origin), what kind of
 * message it is, the replica body and its content hash.
 *
 * <p>UPSERT carries a body; ACK, UNSYNC and DELETE may carry none. When there is a body, {@code contentHash} is
 * {@link ReplicaCodec#contentHash(Replica)} of it — checked when an envelope is read.
 *
 * <p>Two optional properties let the receiver recognise concurrent edits (both absent in records written before
 * they existed, which then read as "unknown"):
 * <ul>
 *   <li>{@code basedOn}: the highest version of the <em>other</em> side's replicas the sender had applied for this twin
 *       when it built this one ({@code null} = unknown; {@code 0} = none yet, which is a real answer);</li>
 *   <li>{@code changed}: the replica fields the sender's own local edits changed since what the other side already
 *       knows of its ticket ({@code null} = unknown, the receiver then compares with the previous replica).</li>
 * </ul>
 */
public record ReplicaEnvelope(String connectionId, String twinId, Side origin, String localKey, long version, Kind kind,
                              Replica body, String contentHash, Long basedOn, List<String> changed) {

    /**
     * What the receiver does with it. Today agents produce {@link #UPSERT} and {@link #UNSYNC} only; {@link #ACK} and
     * {@link #DELETE} are reserved: part of the wire format so that readers already accept them (a DELETE is handled
     * like an UNSYNC, an ACK is ignored), but nothing sends them yet.
     */
    public enum Kind {
        /** Create or update the twin from the body. */
        UPSERT,
        /** Reserved, sent by nobody yet: the receiver applied {@code version}. Receivers ignore it. */
        ACK,
        /** Stop syncing the twin; both tickets stay. */
        UNSYNC,
        /** Reserved, sent by nobody yet: the sender's ticket was deleted. Receivers treat it as {@link #UNSYNC}. */
        DELETE
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ReplicaEnvelope {
        require(connectionId, "connectionId");
        require(twinId, "twinId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, got " + version);
        }
        if (kind == Kind.UPSERT && body == null) {
            throw new IllegalArgumentException("an UPSERT envelope needs a body");
        }
        if (body != null && contentHash == null) {
            contentHash = ReplicaCodec.contentHash(body);
        }
        if (basedOn != null && basedOn < 0) {
            throw new IllegalArgumentException("basedOn must be 0 or more, got " + basedOn);
        }
        if (changed != null) {
            changed.forEach(f -> require(f, "changed[]"));
            changed = List.copyOf(changed);
        }
    }

    /** An envelope without the concurrency properties (both unknown). */
    public ReplicaEnvelope(String connectionId, String twinId, Side origin, String localKey, long version, Kind kind,
                           Replica body, String contentHash) {
        this(connectionId, twinId, origin, localKey, version, kind, body, contentHash, null, null);
    }

    /** This envelope with what the sender had seen ({@code basedOn}) and which fields it changed itself. */
    public ReplicaEnvelope withConcurrency(long basedOn, List<String> changed) {
        return new ReplicaEnvelope(connectionId, twinId, origin, localKey, version, kind, body, contentHash, basedOn, changed);
    }

    /** An UPSERT of {@code body}, its content hash computed. */
    public static ReplicaEnvelope upsert(String connectionId, String twinId, Side origin, String localKey, long version, Replica body) {
        return new ReplicaEnvelope(connectionId, twinId, origin, localKey, version, Kind.UPSERT, body, null);
    }

    /** An envelope without a body (ACK, UNSYNC, DELETE). */
    public static ReplicaEnvelope signal(String connectionId, String twinId, Side origin, String localKey, long version, Kind kind) {
        return new ReplicaEnvelope(connectionId, twinId, origin, localKey, version, kind, null, null);
    }

    /** Kafka record key: per-twin order. */
    public String partitionKey() {
        return twinId;
    }

    public String toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("connectionId", connectionId);
        o.put("twinId", twinId);
        o.put("origin", origin.name());
        if (localKey != null) {
            o.put("localKey", localKey);
        }
        o.put("version", version);
        o.put("kind", kind.name());
        if (contentHash != null) {
            o.put("contentHash", contentHash);
        }
        if (basedOn != null) {
            o.put("basedOn", basedOn);
        }
        if (changed != null) {
            ArrayNode fields = o.putArray("changed");
            changed.forEach(fields::add);
        }
        if (body != null) {
            o.set("body", ReplicaCodec.toNode(body));
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and validates an envelope; a body whose hash differs from {@code contentHash} is refused. */
    public static ReplicaEnvelope fromJson(String json) {
        ObjectNode o = ReplicaCodec.parseObject(json, "envelope");
        String connectionId = requiredText(o, "connectionId");
        String twinId = requiredText(o, "twinId");
        Side origin = enumValue(Side.class, requiredText(o, "origin"), "origin");
        Kind kind = enumValue(Kind.class, requiredText(o, "kind"), "kind");
        JsonNode v = o.get("version");
        if (v == null || !v.isIntegralNumber() || v.asLong() < 1) {
            throw new ReplicaFormatException("envelope.version: expected a whole number ≥ 1, got " + v);
        }
        JsonNode lk = o.get("localKey");
        String localKey = lk == null || lk.isNull() ? null : lk.asText();
        JsonNode h = o.get("contentHash");
        String hash = h == null || h.isNull() ? null : h.asText();
        Replica body = null;
        JsonNode b = o.get("body");
        if (b != null && !b.isNull()) {
            if (!b.isObject()) {
                throw new ReplicaFormatException("envelope.body: expected a replica object");
            }
            body = new Replica();
            ReplicaCodec.fill(body, (ObjectNode) b, "envelope.body");
            String actual = ReplicaCodec.contentHash(body);
            if (hash != null && !hash.equals(actual)) {
                throw new ReplicaFormatException("envelope.contentHash: " + hash + " does not match the body (" + actual + ")");
            }
            hash = actual;
        } else if (kind == Kind.UPSERT) {
            throw new ReplicaFormatException("envelope.body: an UPSERT needs a body");
        }
        return new ReplicaEnvelope(connectionId, twinId, origin, localKey, v.asLong(), kind, body, hash, basedOn(o), changed(o));
    }

    private static Long basedOn(ObjectNode o) {
        JsonNode n = o.get("basedOn");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asLong() < 0) {
            throw new ReplicaFormatException("envelope.basedOn: expected a whole number ≥ 0, got " + n);
        }
        return n.asLong();
    }

    private static List<String> changed(ObjectNode o) {
        JsonNode n = o.get("changed");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw new ReplicaFormatException("envelope.changed: expected a list of field names, got " + n.getNodeType());
        }
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode f = n.get(i);
            if (!f.isTextual() || f.asText().isBlank()) {
                throw new ReplicaFormatException("envelope.changed[" + i + "]: expected a field name, got " + f);
            }
            fields.add(f.asText());
        }
        return fields;
    }

    private static String requiredText(ObjectNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new ReplicaFormatException("envelope." + name + ": required text is missing");
        }
        return n.asText();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ReplicaFormatException("envelope." + field + ": unknown value '" + value + "'");
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
