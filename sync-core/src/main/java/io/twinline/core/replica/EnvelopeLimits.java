package io.twinline.core.replica;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an envelope may be, beyond its format: the sizes and id shapes every receiver can store. The edge refuses
 * anything outside them, so a replica that reaches a topic can be applied or at least parked by the receiving agent.
 */
public final class EnvelopeLimits {

    /** The JSON form of one envelope (attachments travel apart, only their metadata is inside). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    public static final int MAX_TWIN_ID = 64;
    public static final int MAX_LOCAL_KEY = 128;
    /** Twin ids are UUIDs in practice; any id of letters, digits and {@code . _ : -} is taken. */
    private static final Pattern TWIN_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    private EnvelopeLimits() {
    }

    /** A refused part of an envelope: the field and why. */
    public record Violation(String field, String reason) {
    }

    /** The envelope's JSON text is too large to be taken. */
    public static Optional<Violation> size(String json) {
        if (json == null || json.isBlank()) {
            return Optional.of(new Violation("envelope", "is required"));
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_BYTES
                ? Optional.of(new Violation("envelope", "is " + bytes + " bytes, at most " + MAX_BYTES + " are taken"))
                : Optional.empty();
    }

    /** The first id of the envelope that no receiver could store, if any. */
    public static Optional<Violation> ids(ReplicaEnvelope envelope) {
        if (envelope.twinId().length() > MAX_TWIN_ID) {
            return Optional.of(new Violation("twinId", "has " + envelope.twinId().length() + " characters, at most " + MAX_TWIN_ID));
        }
        if (!TWIN_ID.matcher(envelope.twinId()).matches()) {
            return Optional.of(new Violation("twinId", "may hold only letters, digits and . _ : -"));
        }
        if (envelope.localKey() != null && envelope.localKey().length() > MAX_LOCAL_KEY) {
            return Optional.of(new Violation("localKey", "has " + envelope.localKey().length() + " characters, at most " + MAX_LOCAL_KEY));
        }
        if (envelope.localKey() != null && envelope.localKey().chars().anyMatch(Character::isISOControl)) {
            return Optional.of(new Violation("localKey", "may not hold control characters"));
        }
        return Optional.empty();
    }
}
