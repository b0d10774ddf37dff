package io.twinline.core.rules.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allow-list of what sync rules may call, read, write and construct, loaded from {@code allowlist.txt} next to
 * this class. Answers are cached per receiver class, so a check costs a hash lookup.
 */
public final class SandboxPolicy {

    /** Never callable or readable, whatever the receiver: the doors to reflection, meta-programming and the shell. */
    public static final Set<String> FORBIDDEN_NAMES = Set.of(
            "class", "getClass", "metaClass", "getMetaClass", "setMetaClass", "invokeMethod", "getProperty",
            "setProperty", "properties", "getProperties", "metaPropertyValues", "getMetaPropertyValues", "execute",
            "evaluate", "run", "wait", "notify", "notifyAll", "finalize", "clone", "sleep", "addShutdownHook",
            "asType", "forName", "newInstance", "getClassLoader", "classLoader", "use", "mixin", "identity", "dump",
            "respondsTo", "hasProperty", "delegate", "getDelegate", "setDelegate", "owner", "getOwner", "thisObject",
            "getThisObject", "rehydrate", "dehydrate", "resolveStrategy", "setResolveStrategy", "getResolveStrategy",
            "directive", "getDirective", "setDirective", "binding", "getBinding", "setBinding", "parameterTypes",
            "getParameterTypes", "declaringClass", "getDeclaringClass", "stackTrace", "getStackTrace",
            "setStackTrace", "fillInStackTrace", "initCause", "addSuppressed", "getSuppressed", "printStackTrace",
            "toURL", "toURI", "withTraits", "getMetaMethod", "parseFile", "eachFile");

    private static final SandboxPolicy DEFAULT = load();

    private final Map<Class<?>, Set<String>> typeNames;
    private final Set<String> objectNames;
    private final Set<String> objectProps;
    private final Map<Class<?>, Set<String>> extraProps;
    private final Set<String> arrayNames;
    private final Set<String> arrayProps;
    private final Map<Class<?>, Set<String>> statics;
    private final Set<Class<?>> constructible;
    private final List<Class<?>> apiClasses;
    private final Set<Class<?>> knownTypes = new HashSet<>();

    private final ClassValue<Set<String>> callable = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            return computeCallable(type);
        }
    };
    private final ClassValue<Set<String>> readable = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            Set<String> props = new HashSet<>();
            for (String m : callable.get(type)) {
                String p = propertyOf(m, "get");
                if (p == null) {
                    p = propertyOf(m, "is");
                }
                if (p != null) {
                    props.add(p);
                }
            }
            if (!callable.get(type).isEmpty()) {
                props.addAll(objectProps);
                extraProps.forEach((t, names) -> {
                    if (t.isAssignableFrom(type)) {
                        props.addAll(names);
                    }
                });
                if (type.isArray()) {
                    props.addAll(arrayProps);
                }
            }
            props.removeAll(FORBIDDEN_NAMES);
            return Set.copyOf(props);
        }
    };
    private final ClassValue<Set<String>> writable = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            Set<String> props = new HashSet<>();
            for (String m : callable.get(type)) {
                String p = propertyOf(m, "set");
                if (p != null) {
                    props.add(p);
                }
            }
            props.removeAll(FORBIDDEN_NAMES);
            return Set.copyOf(props);
        }
    };

    private SandboxPolicy(Map<Class<?>, Set<String>> typeNames, Map<Class<?>, Set<String>> extraProps,
                          Set<String> arrayNames, Set<String> arrayProps, Map<Class<?>, Set<String>> statics,
                          Set<Class<?>> constructible, List<Class<?>> apiClasses) {
        this.objectNames = typeNames.getOrDefault(Object.class, Set.of());
        this.objectProps = extraProps.getOrDefault(Object.class, Set.of());
        Map<Class<?>, Set<String>> t = new LinkedHashMap<>(typeNames);
        t.remove(Object.class);
        Map<Class<?>, Set<String>> p = new LinkedHashMap<>(extraProps);
        p.remove(Object.class);
        this.typeNames = t;
        this.extraProps = p;
        this.arrayNames = arrayNames;
        this.arrayProps = arrayProps;
        this.statics = statics;
        this.constructible = constructible;
        this.apiClasses = apiClasses;
        knownTypes.addAll(typeNames.keySet());
        knownTypes.addAll(statics.keySet());
        knownTypes.addAll(constructible);
        knownTypes.addAll(apiClasses);
        knownTypes.addAll(List.of(Object.class, String.class, Integer.class, Long.class, Short.class, Byte.class,
                Double.class, Float.class, Boolean.class, Character.class, Number.class, java.math.BigDecimal.class,
                java.math.BigInteger.class, void.class, int.class, long.class, short.class, byte.class, double.class,
                float.class, boolean.class, char.class, groovy.lang.GString.class, groovy.lang.Closure.class,
                Throwable.class, Exception.class, RuntimeException.class, Iterable.class, Comparable.class));
    }

    public static SandboxPolicy defaultPolicy() {
        return DEFAULT;
    }

    /** May a script use {@code type} in a declaration, a cast, {@code instanceof} or as a class literal? */
    public boolean isTypeAllowed(Class<?> type) {
        Class<?> t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        return knownTypes.contains(t);
    }

    /** Names of every class the policy mentions: what rules may import. */
    public Set<String> typeNames() {
        Set<String> names = new HashSet<>();
        for (Class<?> c : knownTypes) {
            if (!c.isPrimitive()) {
                names.add(c.getName());
            }
        }
        return Set.copyOf(names);
    }

    public boolean mayCall(Class<?> receiverType, String name) {
        return callable.get(receiverType).contains(name);
    }


    public boolean mayRead(Class<?> receiverType, String property) {
        return readable.get(receiverType).contains(property);
    }

    public boolean mayWrite(Class<?> receiverType, String property) {
        return writable.get(receiverType).contains(property);
    }

    public boolean mayCallStatic(Class<?> owner, String name) {
        Set<String> names = statics.get(owner);
        return names != null && names.contains(name) && !FORBIDDEN_NAMES.contains(name);
    }


    public boolean mayConstruct(Class<?> type) {
        return constructible.contains(type);
    }


    private Set<String> computeCallable(Class<?> type) {
        Set<String> names = new HashSet<>();
        boolean matched = false;
        if (type.isArray()) {
            names.addAll(arrayNames);
            matched = true;
        }
        for (Map.Entry<Class<?>, Set<String>> e : typeNames.entrySet()) {
            if (e.getKey().isAssignableFrom(type)) {
                names.addAll(e.getValue());
                matched = true;
            }
        }
        for (Class<?> api : apiClasses) {
            if (api.isAssignableFrom(type)) {
                matched = true;
                for (Method m : api.getMethods()) {
                    String owner = m.getDeclaringClass().getName();
                    if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                            && (owner.startsWith("io.twinline.") || owner.startsWith("com.exalate."))) {
                        names.add(m.getName());
                    }
                }
            }
        }
        if (!matched) {
            return Set.of();
        }
        names.addAll(objectNames);
        names.removeAll(FORBIDDEN_NAMES);
        return Set.copyOf(names);
    }

    private static String propertyOf(String method, String prefix) {
        if (method.length() > prefix.length() && method.startsWith(prefix)
                && Character.isUpperCase(method.charAt(prefix.length()))) {
            String rest = method.substring(prefix.length());
            return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
        }
        return null;
    }

    private static SandboxPolicy load() {
        Map<Class<?>, Set<String>> typeNames = new LinkedHashMap<>();
        Map<Class<?>, Set<String>> extraProps = new LinkedHashMap<>();
        Set<String> arrayNames = new HashSet<>();
        Set<String> arrayProps = new HashSet<>();
        Map<Class<?>, Set<String>> statics = new HashMap<>();
        Set<Class<?>> constructible = new HashSet<>();
        List<Class<?>> api = new ArrayList<>();
        try (InputStream in = SandboxPolicy.class.getResourceAsStream("allowlist.txt")) {
            if (in == null) {
                throw new IllegalStateException("allowlist.txt missing next to " + SandboxPolicy.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            StringBuilder logical = new StringBuilder();
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.startsWith("#")) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                logical.append(trimmed);
                String entry = logical.toString().strip();
                logical.setLength(0);
                if (entry.isEmpty()) {
                    continue;
                }
                String[] kindAndRest = entry.split("\\s+", 2);
                String kind = kindAndRest[0];
                String rest = kindAndRest.length > 1 ? kindAndRest[1] : "";
                String className = rest.contains(":") ? rest.substring(0, rest.indexOf(':')).strip() : rest.strip();
                Set<String> names = rest.contains(":")
                        ? new HashSet<>(Arrays.asList(rest.substring(rest.indexOf(':') + 1).strip().split("\\s+")))
                        : new HashSet<>();
                names.remove("");
                switch (kind) {
                    case "type" -> {
                        if (className.equals("array")) {
                            arrayNames.addAll(names);
                        } else {
                            typeNames.computeIfAbsent(classFor(className, lineNo), k -> new HashSet<>()).addAll(names);
                        }
                    }
                    case "prop" -> {
                        if (className.equals("array")) {
                            arrayProps.addAll(names);
                        } else {
                            extraProps.computeIfAbsent(classFor(className, lineNo), k -> new HashSet<>()).addAll(names);
                        }
                    }
                    case "static" -> statics.computeIfAbsent(classFor(className, lineNo), k -> new HashSet<>()).addAll(names);
                    case "new" -> constructible.add(classFor(className, lineNo));
                    case "api" -> api.add(classFor(className, lineNo));
                    default -> throw new IllegalStateException("allowlist.txt line " + lineNo + ": unknown kind " + kind);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SandboxPolicy(typeNames, extraProps, arrayNames, arrayProps, statics, constructible, api);
    }

    private static Class<?> classFor(String name, int lineNo) {
        try {
            return Class.forName(name, false, SandboxPolicy.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("allowlist.txt line " + lineNo + ": no class " + name, e);
        }
    }
}
