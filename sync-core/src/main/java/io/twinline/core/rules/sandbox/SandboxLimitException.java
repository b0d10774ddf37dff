package io.twinline.core.rules.sandbox;

/** A run of sync rules went over one of its limits (string, collection or number size, memory). */
public class SandboxLimitException extends RuntimeException {
    public SandboxLimitException(String message) {
        super(message);
    }
}
