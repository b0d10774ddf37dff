package io.twinline.core.rules.sandbox;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the sandbox's call and property paths share: the script's own names, closure resolution, argument checks. */
final class Resolution {
    static final SandboxPolicy POLICY = SandboxPolicy.defaultPolicy();
    static final Object NOT_FOUND = new Object();
    static final Set<String> SCRIPT_BUILTINS = Set.of("println", "print", "printf");

    /** Methods a script declares itself (its {@code def foo()}), by script class. */
    static final ClassValue<Set<String>> SCRIPT_METHODS = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            Set<String> names = new HashSet<>();
            for (Method m : type.getDeclaredMethods()) {
                if (!m.isSynthetic() && !m.getName().contains("$") && !m.getName().equals("main")
                        && !m.getName().equals("run") && !SandboxPolicy.FORBIDDEN_NAMES.contains(m.getName())) {
                    names.add(m.getName());
                }
            }
            return Set.copyOf(names);
        }
    };
    /** Fields a script declares with {@code @Field}. */
    static final ClassValue<Set<String>> SCRIPT_FIELDS = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            Set<String> names = new HashSet<>();
            for (Field f : type.getDeclaredFields()) {
                if (!f.isSynthetic() && !f.getName().contains("$") && !Modifier.isStatic(f.getModifiers())) {
                    names.add(f.getName());
                }
            }
            return Set.copyOf(names);
        }
    };

    private Resolution() {
    }

    static String typeName(Object o) {
        return o == null ? "null" : o instanceof Class<?> c ? c.getName() : o.getClass().getName();
    }

    static void checkArgs(String method, Object[] args) {
        if (args == null) {
            return;
        }
        for (Object a : args) {
            if (a instanceof Class<?> || a instanceof groovy.lang.MetaClass || a instanceof Binding
                    || a instanceof Script) {
                throw RunGuard.deny("passing " + (a instanceof Class<?> ? "a class" : typeName(a)) + " to " + method + "()");
            }
        }
    }

    static Iterable<?> iterable(Object receiver, String name) {
        if (receiver instanceof Iterable<?> it) {
            return it;
        }
        if (receiver.getClass().isArray()) {
            return DefaultTypeTransformation.asCollection(receiver);
        }
        throw RunGuard.deny("spreading '" + name + "' over " + typeName(receiver));
    }

    static boolean hasMetaMethod(Object target, String method, Object[] args) {
        return !InvokerHelper.getMetaClass(target).respondsTo(target, method, args == null ? new Object[0] : args).isEmpty();
    }

    static int toStrategy(Object strategy) {
        return strategy instanceof Number n ? n.intValue() : Closure.OWNER_FIRST;
    }

    static List<Object> candidates(Object owner, Object delegate, int strategy) {
        List<Object> order = new ArrayList<>(2);
        switch (strategy) {
            case Closure.DELEGATE_FIRST -> {
                order.add(delegate);
                if (owner != delegate) {
                    order.add(owner);
                }
            }
            case Closure.OWNER_ONLY -> order.add(owner);
            case Closure.DELEGATE_ONLY -> order.add(delegate);
            case Closure.TO_SELF -> {
            }
            default -> {
                order.add(owner);
                if (owner != delegate) {
                    order.add(delegate);
                }
            }
        }
        return order;
    }

    static Script scriptOf(Object owner) {
        Object o = owner;
        while (o instanceof Closure<?> c) {
            o = c.getOwner();
        }
        if (o instanceof Script s) {
            return s;
        }
        throw RunGuard.deny("code outside the script");
    }
}
