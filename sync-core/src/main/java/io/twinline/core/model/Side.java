package io.twinline.core.model;

/** The end of a connection a component runs on. */
public enum Side {
    PUBLIC,
    PRIVATE;

    public Side other() {
        return this == PUBLIC ? PRIVATE : PUBLIC;
    }
}
