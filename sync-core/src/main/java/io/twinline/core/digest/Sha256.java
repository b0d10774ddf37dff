package io.twinline.core.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The one SHA-256 of the project, in the three forms its contracts use: raw bytes, 64 lower-case hex digits
 * (secrets at rest, attachment store keys), and {@code sha256:<hex>} (replica versions, attachment hashes, rules
 * versions). A plain, unsalted hash is enough for what is hashed here: secrets of 256 random bits (nothing to
 * guess) and content addresses.
 */
public final class Sha256 {

    /** The prefix of the tagged form. */
    public static final String TAG = "sha256:";

    private Sha256() {
    }

    public static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Objects.requireNonNull(bytes, "bytes"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The digest of the text's UTF-8 bytes. */
    public static byte[] digest(String text) {
        return digest(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /** 64 lower-case hex digits. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** 64 lower-case hex digits of the text's UTF-8 bytes. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    /** {@code sha256:} followed by the 64 hex digits. */
    public static String tagged(byte[] bytes) {
        return TAG + hex(bytes);
    }

    /** Constant-time comparison of two hex (or tagged) digests; false when either is null. */
    public static boolean sameHex(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
