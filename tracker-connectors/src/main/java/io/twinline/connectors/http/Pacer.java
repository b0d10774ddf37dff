package io.twinline.connectors.http;

import java.net.http.HttpResponse;

/** Keeps a connector inside the tracker's rate budget: waits before a request, learns from each answer. */
public interface Pacer {

    Pacer NONE = new Pacer() {
        @Override
        public void acquire() {
        }

        @Override
        public void observe(HttpResponse<?> response) {
        }
    };

    /** Blocks (through the injected sleeper) until one more request fits the budget. */
    void acquire() throws InterruptedException;

    /** Reads the rate-limit headers of an answer. */
    void observe(HttpResponse<?> response);
}
