package io.twinline.connectors.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Keeps a connector inside the tracker's rate budget: waits before a request, learns from each answer. */
public interface Pacer {

    Pacer NONE = new Pacer() {
        @Override
        public void acquire(HttpRequest request) {
        }

        @Override
        public void observe(HttpResponse<?> response) {
        }
    };

    /** Blocks (through the injected sleeper) until this request fits the budget. */
    void acquire(HttpRequest request) throws InterruptedException;

    /** Reads the rate-limit headers of an answer. */
    void observe(HttpResponse<?> response);
}
