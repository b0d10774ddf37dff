package io.twinline.core.rules;

/**
 * Twinline's own way for sync rules to fail on purpose:
 * {@code throw new io.twinline.core.rules.RulesException("unknown customer " + replica.customKeys.customer)} parks
 * the twin's sync event with this message (as {@code com.exalate.api.exception.IssueTrackerException} does).
 */
public class RulesException extends RuntimeException {
    public RulesException(String message) {
        super(message);
    }
}
