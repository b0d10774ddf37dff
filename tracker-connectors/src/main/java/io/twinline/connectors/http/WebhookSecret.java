package io.twinline.connectors.http;
import io.twinline.core.digest.Sha256;

import java.security.MessageDigest;

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
        this.digest = Sha256.digest(secret);
    }

    /** Whether the candidate is the secret; null never is. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, Sha256.digest(candidate));
    }

    @Override
    public String toString() {
        return "WebhookSecret[***]";
    }
}
