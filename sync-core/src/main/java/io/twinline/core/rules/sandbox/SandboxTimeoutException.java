package io.twinline.core.rules.sandbox;

/** A run of sync rules went past its time bound, or its thread was interrupted. */
public class SandboxTimeoutException extends RuntimeException {
    private final boolean interrupted;

    public SandboxTimeoutException(boolean interrupted) {
        super(interrupted ? "the run was interrupted" : "the run took longer than its time bound");
        this.interrupted = interrupted;
    }

    public boolean interrupted() {
        return interrupted;
    }
}
