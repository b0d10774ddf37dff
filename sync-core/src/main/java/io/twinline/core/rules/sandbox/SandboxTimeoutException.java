package io.twinline.core.rules.sandbox;

/** A run of sync rules went past its time bound. */
public class SandboxTimeoutException extends RuntimeException {
    public SandboxTimeoutException() {
        super("the run took longer than its time bound");
    }
}
