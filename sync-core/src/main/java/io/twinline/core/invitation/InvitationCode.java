package io.twinline.core.invitation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.twinline.core.digest.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The invitation code an initiator copies to its partner: {@code tl2.<payload>.<secret>.<seal>}, each part base64url
 * without padding, so the whole code is one URL-safe string.
 *
 * <p>The payload is JSON readable by anyone holding the code (it tells the partner's agent where to connect); the
 * secret is 256 random bits. The server stores only {@link #secretHash()} and {@link #payloadHash()}: a code whose
 * payload was edited still carries the right secret but no longer matches the stored payload hash.
 *
 * <p>The seal is HMAC-SHA256 of the encoded payload keyed with the secret, made by invitation-service when it mints
 * the code. The agent checks it ({@link #sealIntact()}) before it sends anything anywhere, so an edited payload (for
 * instance URLs pointing elsewhere) is refused on the partner's side, not only by the public side. A key of
 * invitation-service could not do better: the agent has no trust anchor of the public side other than the code itself,
 * so a public key would have to travel in the same message it is meant to protect.
 */
public final class InvitationCode {

    public static final String PREFIX = "tl2";
    public static final int FORMAT_VERSION = 2;
    private static final int SECRET_BYTES = 32;
    private static final int MAX_CODE_LENGTH = 4096;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final String SEAL_CONTEXT = "twinline invitation payload\n";

    private final Payload payload;
    private final String encodedPayload;
    private final byte[] secret;
    private final byte[] seal;

    private InvitationCode(Payload payload, String encodedPayload, byte[] secret, byte[] seal) {
        this.payload = payload;
        this.encodedPayload = encodedPayload;
        this.secret = secret;
        this.seal = seal;
    }

    /**
     * What the code tells the partner's agent. Short JSON names keep the code short enough to paste. No Kafka address:
     * the agent learns the partner listener, its Kafka identity and the listener's CA over its authenticated edge.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payload(
            @JsonProperty("v") int version,
            @JsonProperty("iid") UUID invitationId,
            @JsonProperty("cid") UUID connectionId,
            @JsonProperty("cn") String connectionName,
            @JsonProperty("in") String initiatorName,
            @JsonProperty("api") String connectionApiUrl,
            @JsonProperty("inv") String invitationApiUrl,
            @JsonProperty("exp") Instant expiresAt) {
    }

    /** Mints a new code around {@code payload} with a fresh random secret. */
    public static InvitationCode mint(Payload payload) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        try {
            String encoded = ENCODER.encodeToString(JSON.writeValueAsBytes(payload));
            return new InvitationCode(payload, encoded, secret, seal(secret, encoded));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invitation payload cannot be written as JSON", e);
        }
    }

    /**
     * Parses a code as pasted by a person (surrounding white space is ignored).
     *
     * @throws MalformedInvitationCodeException naming what is wrong, when the text is not a code of this format
     */
    public static InvitationCode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedInvitationCodeException("the invitation code is empty");
        }
        String code = text.strip();
        if (code.length() > MAX_CODE_LENGTH) {
            throw new MalformedInvitationCodeException("the invitation code is longer than " + MAX_CODE_LENGTH + " characters");
        }
        String[] parts = code.split("\\.", -1);
        if (parts.length != 4) {
            throw new MalformedInvitationCodeException("an invitation code has four parts separated by '.'");
        }
        if (!PREFIX.equals(parts[0])) {
            throw new MalformedInvitationCodeException("unknown invitation code format '" + abbreviate(parts[0]) + "' (expected " + PREFIX + ")");
        }
        if (!BASE64URL.matcher(parts[1]).matches() || !BASE64URL.matcher(parts[2]).matches() || !BASE64URL.matcher(parts[3]).matches()) {
            throw new MalformedInvitationCodeException("the invitation code contains characters that are not base64url");
        }
        byte[] secret;
        byte[] seal;
        Payload payload;
        try {
            secret = DECODER.decode(parts[2]);
            seal = DECODER.decode(parts[3]);
            payload = JSON.readValue(DECODER.decode(parts[1]), Payload.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new MalformedInvitationCodeException("the invitation code's payload cannot be read (was it copied whole?)");
        }
        if (secret.length != SECRET_BYTES) {
            throw new MalformedInvitationCodeException("the invitation code's secret has the wrong length (was it copied whole?)");
        }
        if (payload == null || payload.version() != FORMAT_VERSION) {
            throw new MalformedInvitationCodeException("unsupported invitation code version");
        }
        if (payload.invitationId() == null || payload.connectionId() == null || payload.expiresAt() == null
                || payload.connectionApiUrl() == null || payload.invitationApiUrl() == null) {
            throw new MalformedInvitationCodeException("the invitation code's payload lacks required fields");
        }
        return new InvitationCode(payload, parts[1], secret, seal);
    }

    /**
     * True when the payload is exactly what the public side sealed with this code's secret. A partner's agent refuses
     * a code without an intact seal before it contacts anything the payload names.
     */
    public boolean sealIntact() {
        return MessageDigest.isEqual(seal, seal(secret, encodedPayload));
    }

    /**
     * The first URL of the payload that is neither {@code https} nor on a loopback address, if any: an agent must not
     * send its invitation secret or its credentials over plain HTTP across networks.
     */
    public Optional<String> insecureUrl() {
        return Stream.of(payload.connectionApiUrl(), payload.invitationApiUrl())
                .filter(url -> !SecureUrls.acceptable(url)).findFirst();
    }

    public Payload payload() {
        return payload;
    }

    /** The code as one copy-pasteable string. */
    public String value() {
        return PREFIX + "." + encodedPayload + "." + ENCODER.encodeToString(secret) + "." + ENCODER.encodeToString(seal);
    }

    /** Hex SHA-256 of the secret: the only form of the secret the server keeps. */
    public String secretHash() {
        return Sha256.hex(secret);
    }

    /** Hex SHA-256 of the payload exactly as encoded in the code, to recognise an edited payload. */
    public String payloadHash() {
        return Sha256.hex(encodedPayload.getBytes(StandardCharsets.US_ASCII));
    }

    /** A fresh random secret of 256 bits, base64url: used for credentials issued at redemption. */
    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    private static byte[] seal(byte[] secret, String encodedPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal((SEAL_CONTEXT + encodedPayload).getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 12 ? s : s.substring(0, 12) + "…";
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "InvitationCode[" + payload.invitationId() + " for connection " + payload.connectionId() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvitationCode other && value().equals(other.value());
    }

    @Override
    public int hashCode() {
        return Objects.hash(encodedPayload);
    }
}
