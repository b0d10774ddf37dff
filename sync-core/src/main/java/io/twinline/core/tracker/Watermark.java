package io.twinline.core.tracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where incremental polling stands, in the <em>tracker's</em> time (never the local clock):
 * {@code cursor} is the latest {@code updated} timestamp handed out, {@code seen} the tickets (key →
 * their {@code updated}) handed out inside the overlap window before it. The next poll re-reads from
 * {@code cursor - overlap} and skips what {@code seen} already holds, so nothing is missed at page
 * boundaries or identical timestamps and nothing is handed out twice. Immutable; store it with
 * {@link #encode()} / {@link #decode(String)}.
 */
public final class Watermark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Instant cursor;
    private final Map<String, Instant> seen;

    private Watermark(Instant cursor, Map<String, Instant> seen) {
        this.cursor = cursor;
        this.seen = Collections.unmodifiableMap(new TreeMap<>(seen));
    }

    /** Starts polling from the given tracker time: changes at or after it are handed out. */
    public static Watermark from(Instant trackerTime) {
        return new Watermark(trackerTime, Map.of());
    }

    public Instant cursor() {
        return cursor;
    }

    public Map<String, Instant> seen() {
        return seen;
    }

    /** True when this version of the ticket has not been handed out yet. */
    public boolean isNew(String key, Instant updated) {
        Instant before = seen.get(key);
        return before == null || updated.isAfter(before);
    }

    /** Records that a ticket version was handed out; forgets entries older than {@code cursor - overlap}. */
    public Watermark with(String key, Instant updated, Duration overlap) {
        TreeMap<String, Instant> next = new TreeMap<>(seen);
        next.merge(key, updated, (a, b) -> a.isAfter(b) ? a : b);
        Instant newCursor = updated.isAfter(cursor) ? updated : cursor;
        Instant horizon = newCursor.minus(overlap);
        for (Iterator<Map.Entry<String, Instant>> it = next.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isBefore(horizon)) {
                it.remove();
            }
        }
        return new Watermark(newCursor, next);
    }

    public String encode() {
        ObjectNode o = JSON.createObjectNode();
        o.put("cursor", cursor.toString());
        ObjectNode s = o.putObject("seen");
        seen.forEach((k, v) -> s.put(k, v.toString()));
        return o.toString();
    }

    public static Watermark decode(String text) {
        try {
            JsonNode o = JSON.readTree(text);
            TreeMap<String, Instant> seen = new TreeMap<>();
            o.path("seen").fields().forEachRemaining(e -> seen.put(e.getKey(), Instant.parse(e.getValue().asText())));
            return new Watermark(Instant.parse(o.get("cursor").asText()), seen);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a stored watermark: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Watermark w && w.cursor.equals(cursor) && w.seen.equals(seen);
    }

    @Override
    public int hashCode() {
        return cursor.hashCode() * 31 + seen.hashCode();
    }

    @Override
    public String toString() {
        return "Watermark[" + cursor + ", " + seen.size() + " seen]";
    }
}
