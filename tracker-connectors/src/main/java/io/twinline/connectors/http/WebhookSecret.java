package io.twinline.connectors.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A per-connection webhook secret, kept only as its SHA-256. Candidates are compared digest to digest in constant
 * time, so neither timing nor length says anything about the secret.
 */
public final class WebhookSecret {

    private final byte[] digest;

    public WebhookSecret(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("a webhook secret must have at least 16 characters");
        }
        this.digest = sha256(secret);
    }

    /** Whether the candidate is the secret; null never is. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Objects.requireNonNull(s).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[***]";
    }
}
