package io.twinline.core.rules;

import groovy.lang.Binding;
import groovy.lang.Script;

import java.lang.invoke.MethodHandle;

/** One compiled rules text, ready to run any number of times (thread-safe: each run gets a new script instance). */
public final class CompiledRules {
    private final Direction direction;
    private final String version;
    private final String className;
    private final MethodHandle constructor;

    CompiledRules(Direction direction, String version, String className, MethodHandle constructor) {
        this.direction = direction;
        this.version = version;
        this.className = className;
        this.constructor = constructor;
    }

    public Direction direction() {
        return direction;
    }

    /** Content hash of the rules text ({@code sha256:…}): the rules version the cache is keyed by. */
    public String version() {
        return version;
    }

    String className() {
        return className;
    }

    Script newScript(Binding binding) {
        try {
            return (Script) constructor.invoke(binding);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
