package io.twinline.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service really reads, taken from its own sources each run (so a renamed setting shows): the keys and the
 * environment variables its application.properties names, the properties of its {@code @ConfigMapping} interfaces
 * (read by reflection from its jar), its HTTP port, and its JAX-RS routes.
 */
final class ServiceSettings {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern HTTP_METHOD = Pattern.compile("@(GET|POST|PUT|DELETE|PATCH|HEAD)\\b");

    final String module;
    final Properties properties = new Properties();
    final Set<String> environmentReferences = new TreeSet<>();
    final Set<String> mappedKeys = new TreeSet<>();
    final Set<String> mappingPrefixes = new TreeSet<>();

    ServiceSettings(String module) throws IOException {
        this(module, Files.readString(Manifests.ROOT.resolve(module).resolve("src/main/resources/application.properties")));
    }

    /** A service whose application.properties reads {@code text} (tests rename settings in a copy). */
    ServiceSettings(String module, String text) throws IOException {
        this.module = module;
        properties.load(new java.io.StringReader(text));
        Matcher m = ENV_REFERENCE.matcher(text);
        while (m.find()) {
            environmentReferences.add(m.group(1));
        }
        for (Class<?> mapping : mappings()) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            mappingPrefixes.add(prefix);
            collect(mapping, prefix, mappedKeys);
        }
    }

    /** The variable names this service takes: referenced ones, and every key it knows in environment form. */
    Set<String> environmentNames() {
        Set<String> names = new TreeSet<>(environmentReferences);
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                names.add(envName(key));
            }
        }
        mappedKeys.forEach(k -> names.add(envName(k)));
        return names;
    }

    boolean usesKafka() {
        return properties.stringPropertyNames().stream().anyMatch(k -> k.startsWith("kafka.") || k.startsWith("mp.messaging."));
    }

    /** Keys under one of this service's mapping prefixes that no mapping property reads (a renamed property). */
    List<String> unmappedKeys() {
        List<String> unmapped = new ArrayList<>();
        for (String raw : properties.stringPropertyNames()) {
            String key = raw.replaceFirst("^%[^.]+\\.", "");
            boolean underPrefix = mappingPrefixes.stream().anyMatch(p -> key.startsWith(p + "."));
            if (underPrefix && mappedKeys.stream().noneMatch(k -> matches(k, key))) {
                unmapped.add(raw);
            }
        }
        return unmapped;
    }

    /** The port quarkus.http.port resolves to, when {@code environment} sets the variables given. */
    int httpPort(Map<String, String> environment) {
        String value = properties.getProperty("quarkus.http.port", "8080");
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+):([0-9]+)}").matcher(value);
        if (m.matches()) {
            return Integer.parseInt(environment.getOrDefault(m.group(1), m.group(2)));
        }
        return Integer.parseInt(environment.getOrDefault("QUARKUS_HTTP_PORT", value));
    }

    /** Every route of the service's JAX-RS resources (class path + method path), from its sources. */
    List<String> routes() throws IOException {
        List<String> routes = new ArrayList<>();
        Path sources = Manifests.ROOT.resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path source : files.filter(p -> p.toString().endsWith("Resource.java")).toList()) {
                String text = Files.readString(source);
                int classAt = text.indexOf("public class");
                if (classAt < 0) {
                    continue;
                }
                Matcher classPath = PATH.matcher(text.substring(0, classAt));
                String base = classPath.find() ? classPath.group(1) : "";
                String body = text.substring(classAt);
                Matcher methodPath = PATH.matcher(body);
                int withPath = 0;
                while (methodPath.find()) {
                    routes.add(base + methodPath.group(1));
                    withPath++;
                }
                // The class path itself is a route when some resource method has no path of its own.
                if (HTTP_METHOD.matcher(body).results().count() > withPath) {
                    routes.add(base);
                }
            }
        }
        return routes;
    }

    static String envName(String key) {
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    private static boolean matches(String mapped, String key) {
        return mapped.endsWith(".*") ? key.startsWith(mapped.substring(0, mapped.length() - 1)) : mapped.equals(key);
    }

    private List<Class<?>> mappings() throws IOException {
        Path jar = Manifests.ROOT.resolve(module).resolve("target").resolve(module + "-" + Manifests.VERSION + ".jar");
        List<Class<?>> mappings = new ArrayList<>();
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.contains("$") || !name.contains("/config/")) {
                    continue;
                }
                try {
                    Class<?> type = Class.forName(name.replace('/', '.').replaceFirst("\\.class$", ""), false,
                            ServiceSettings.class.getClassLoader());
                    if (type.isAnnotationPresent(ConfigMapping.class)) {
                        mappings.add(type);
                    }
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    // Not a mapping (a config source needing the service's other dependencies).
                }
            }
        }
        return mappings;
    }

    /** The property names of a mapping interface, as SmallRye Config names them (kebab-case, nested groups). */
    static void collect(Class<?> mapping, String prefix, Set<String> keys) {
        for (Method method : mapping.getMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value() : kebab(method.getName());
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name;
            Type type = method.getGenericReturnType();
            Class<?> group = group(type);
            if (group != null) {
                collect(group, key, keys);
            } else if (raw(type) == Map.class) {
                keys.add(key + ".*");
            } else {
                keys.add(key);
            }
        }
    }

    /** The nested group interface a method returns (directly or in an Optional), if any. */
    private static Class<?> group(Type type) {
        Class<?> raw = raw(type);
        if (raw == Optional.class && type instanceof ParameterizedType p) {
            return group(p.getActualTypeArguments()[0]);
        }
        return raw != null && raw.isInterface() && raw.getName().startsWith("io.twinline") ? raw : null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
