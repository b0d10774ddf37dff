package io.twinline.connectors.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Keeps a connector inside the tracker's rate budget: waits before a request, learns from each answer.
 * Every {@link #acquire} is followed by exactly one {@link #done}, also when the request failed, so that
 * requests still in flight keep counting.
 */
public interface Pacer {

    /** What {@link #acquire} hands out and {@link #done} takes back. */
    interface Permit {
    }

    Permit NO_PERMIT = new Permit() {
    };

    Pacer NONE = new Pacer() {
        @Override
        public Permit acquire(HttpRequest request) {
            return NO_PERMIT;
        }

        @Override
        public void done(Permit permit, HttpResponse<?> response) {
        }
    };

    /** Blocks (through the injected sleeper) until this request fits the budget. */
    Permit acquire(HttpRequest request) throws InterruptedException;

    /** The request is over; {@code response} is null when there was none (network failure, timeout). */
    void done(Permit permit, HttpResponse<?> response);
}
