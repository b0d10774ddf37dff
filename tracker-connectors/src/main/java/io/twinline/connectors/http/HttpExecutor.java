package io.twinline.connectors.http;

import io.twinline.core.tracker.TrackerException;
import io.twinline.core.tracker.TrackerException.Kind;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * Sends requests for one connector: paces them to the rate budget, retries 429 (honouring
 * {@code Retry-After}), 5xx and network failures with back-off, stops at once on a login lock-out, and turns
 * every failure that remains into a {@link TrackerException} with a clear message. Never logs headers, so
 * credentials stay out of logs.
 */
public final class HttpExecutor {

    private static final Logger LOG = Logger.getLogger(HttpExecutor.class);

    /** Whether a request may be sent again when its outcome is unknown. */
    public enum Mode {
        /** Safe to repeat (GET, PUT, DELETE, and POSTs whose duplicates are harmless or resolved upstream). */
        IDEMPOTENT,
        /** Repeat only when the tracker certainly did nothing (429, connection refused). */
        NOT_IDEMPOTENT
    }

    private final String tracker;
    private final HttpClient client;
    private final Pacer pacer;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final ErrorReader errors;

    public HttpExecutor(String tracker, HttpClient client, Pacer pacer, RetryPolicy policy, Sleeper sleeper, ErrorReader errors) {
        this.tracker = tracker;
        this.client = client;
        this.pacer = pacer;
        this.policy = policy;
        this.sleeper = sleeper;
        this.errors = errors;
    }

    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Sends with retries; returns a 2xx answer or throws. {@code operation} names the call in messages. */
    public HttpResponse<byte[]> send(String operation, HttpRequest request, Mode mode) {
        HttpRequest timed = request.timeout().isPresent() ? request
                : HttpRequest.newBuilder(request, (n, v) -> true).timeout(policy.requestTimeout()).build();
        int lastStatus = 0;
        String lastProblem = null;
        Kind lastKind = Kind.UNAVAILABLE;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            boolean last = attempt == policy.maxAttempts();
            HttpResponse<byte[]> response;
            Pacer.Permit permit = null;
            try {
                permit = pacer.acquire(timed);
                response = client.send(timed, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                if (permit != null) {
                    pacer.done(permit, null);
                }
                Thread.currentThread().interrupt();
                throw new TrackerException(tracker, Kind.UNAVAILABLE, 0, tracker + ": " + operation + " interrupted", null, e);
            } catch (IOException e) {
                pacer.done(permit, null);
                lastStatus = 0;
                lastKind = Kind.UNAVAILABLE;
                lastProblem = (e instanceof HttpTimeoutException ? "timed out after " + policy.requestTimeout().toSeconds() + " s"
                        : "network failure: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
                boolean certainlyNotDone = e instanceof ConnectException;
                if (mode == Mode.NOT_IDEMPOTENT && !certainlyNotDone) {
                    throw new AmbiguousOutcomeException(tracker, 0, message(operation, lastProblem, attempt), e);
                }
                if (last) {
                    throw new TrackerException(tracker, Kind.UNAVAILABLE, 0, message(operation, lastProblem, attempt), null, e);
                }
                pause(operation, policy.backoff(attempt), lastProblem);
                continue;
            }
            pacer.done(permit, response);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            lastStatus = status;
            if (errors.isLockout(response)) {
                throw new TrackerException(tracker, Kind.LOCKED_OUT, status, tracker + ": " + operation
                        + " refused: the account is locked out after failed logins (CAPTCHA required). Not retrying, since every"
                        + " attempt raises the failed-login count; an administrator must reset it and the credentials must be checked.",
                        null, null);
            }
            if (status == 429) {
                lastKind = Kind.RATE_LIMITED;
                lastProblem = "rate limited (429)";
                Duration wait = retryAfter(response).orElse(policy.backoff(attempt));
                if (wait.compareTo(policy.maxRetryAfter()) > 0) {
                    throw new TrackerException(tracker, Kind.RATE_LIMITED, status, tracker + ": " + operation
                            + " rate limited; the tracker asks to wait " + wait.toSeconds() + " s, longer than the configured "
                            + policy.maxRetryAfter().toSeconds() + " s", null, null);
                }
                if (last) {
                    break;
                }
                pause(operation, wait, lastProblem);
                continue;
            }
            if (status >= 500 || status == 408) {
                ErrorReader.TrackerError te = safeRead(response);
                lastKind = Kind.UNAVAILABLE;
                lastProblem = "server error " + status + (te.message() == null ? "" : ": " + te.message());
                if (mode == Mode.NOT_IDEMPOTENT) {
                    throw new AmbiguousOutcomeException(tracker, status, message(operation, lastProblem, attempt), null);
                }
                if (last) {
                    break;
                }
                Duration wait = status == 503 ? retryAfter(response).orElse(policy.backoff(attempt)) : policy.backoff(attempt);
                pause(operation, wait, lastProblem);
                continue;
            }
            throw failure(operation, response);
        }
        throw new TrackerException(tracker, lastKind, lastStatus, message(operation, lastProblem, policy.maxAttempts()), null, null);
    }

    private String message(String operation, String problem, int attempts) {
        return tracker + ": " + operation + " failed after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ": " + problem;
    }

    private void pause(String operation, Duration wait, String problem) {
        LOG.debugf("%s: %s: %s, retrying in %d ms", tracker, operation, problem, wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackerException(tracker, Kind.UNAVAILABLE, 0, tracker + ": " + operation + " interrupted while waiting to retry", null, e);
        }
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).filter(v -> v.matches("\\d+"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).filter(d -> !d.isZero());
    }

    private ErrorReader.TrackerError safeRead(HttpResponse<byte[]> response) {
        try {
            return errors.read(response);
        } catch (RuntimeException e) {
            return new ErrorReader.TrackerError(null, Map.of());
        }
    }

    /** The exception for a final, non-retryable error answer. */
    public TrackerException failure(String operation, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        ErrorReader.TrackerError te = safeRead(response);
        Kind kind = switch (status) {
            case 401 -> Kind.AUTHENTICATION;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 400, 409, 413, 415, 422 -> Kind.VALIDATION;
            default -> Kind.BAD_RESPONSE;
        };
        StringBuilder sb = new StringBuilder(tracker).append(": ").append(operation).append(" failed: HTTP ").append(status);
        switch (kind) {
            case AUTHENTICATION -> sb.append(" (credentials refused; check the configured API key / user / token)");
            case FORBIDDEN -> sb.append(" (not permitted for this account)");
            case NOT_FOUND -> sb.append(" (not found)");
            default -> {
            }
        }
        if (te.message() != null && !te.message().isBlank()) {
            sb.append(": ").append(te.message());
        }
        if (!te.fieldErrors().isEmpty()) {
            sb.append(" ").append(te.fieldErrors());
        }
        return new TrackerException(tracker, kind, status, sb.toString(), te.fieldErrors(), null);
    }
}
