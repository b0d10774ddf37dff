package io.twinline.core.replica;

/** JSON that is not a valid replica (or envelope): the message names the field, or the line and column. */
public class ReplicaFormatException extends RuntimeException {
    public ReplicaFormatException(String message) {
        super(message);
    }

    public ReplicaFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
