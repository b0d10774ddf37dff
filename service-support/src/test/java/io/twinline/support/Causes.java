package io.twinline.support;

import java.util.ArrayList;
import java.util.List;

/** A failure and its causes: a transaction helper may wrap what the task threw. */
final class Causes {

    private Causes() {
    }

    static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }
}
