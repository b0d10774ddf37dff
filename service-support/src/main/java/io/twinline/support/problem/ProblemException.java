package io.twinline.support.problem;

import jakarta.ws.rs.core.Response;

import java.util.List;

/** A refusal that reaches the caller as {@code application/problem+json}: thrown by services, mapped at the edge. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Response.Status status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public ProblemException(Response.Status status, String code, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, code, errors);
    }

    /** For statuses {@link Response.Status} does not name, such as 422 Unprocessable Content. */
    public ProblemException(int status, String title, String code, String detail) {
        super(detail);
        this.problem = Problem.of(status, title, detail, code);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(Response.Status.BAD_REQUEST, "INVALID_FIELD", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Response.Status.NOT_FOUND, "NOT_FOUND", what + " not found");
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(Response.Status.CONFLICT, code, detail);
    }

    public Problem problem() {
        return problem;
    }
}
