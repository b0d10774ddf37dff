package com.exalate.api.exception;

/**
 * Thrown by sync rules to fail on purpose: the twin's sync event is parked with this message. Same name and package
 * as in the established commercial product, so scripts written for it run unchanged:
 * {@code throw new com.exalate.api.exception.IssueTrackerException("no project for " + replica.key)}.
 */
public class IssueTrackerException extends RuntimeException {
    public IssueTrackerException(String message) {
        super(message);
    }

    public IssueTrackerException(String message, Throwable cause) {
        super(message, cause);
    }
}
