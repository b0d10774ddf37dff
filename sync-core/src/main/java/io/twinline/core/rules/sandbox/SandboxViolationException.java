package io.twinline.core.rules.sandbox;

/** Thrown when sync rules try something the sandbox does not allow. */
public class SandboxViolationException extends SecurityException {
    public SandboxViolationException(String message) {
        super(message);
    }
}
