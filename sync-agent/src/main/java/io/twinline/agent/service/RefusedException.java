package io.twinline.agent.service;

/** The public side refused the agent for good (bad or used code, revoked credentials): retrying cannot help. */
public class RefusedException extends RuntimeException {

    private final String reason;

    public RefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
