package io.twinline.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One service's image on the base root filesystem: its application in layers ordered from what changes least
 * (dependencies) to what changes with every code change (the application's own classes), so a code change leaves the
 * lower layers' digests as they were.
 */
final class AppImage {

    /** A layer of the image: its name (kept in the image's history) and the directory or file it is made of. */
    record Layer(String name, Path source, String target) {
    }

    private AppImage() {
    }

    /** The layers of a module, bottom to top. */
    static List<Layer> layers(ImageSpec spec, Path root, String version) {
        Path module = root.resolve(spec.module()).resolve("target");
        String app = ImageSpec.APP_DIR;
        return switch (spec.layout()) {
            case QUARKUS_FAST_JAR -> {
                Path quarkusApp = module.resolve("quarkus-app");
                yield List.of(new Layer("lib/boot", quarkusApp.resolve("lib/boot"), app + "/lib/boot"),
                        new Layer("lib/main", quarkusApp.resolve("lib/main"), app + "/lib/main"),
                        new Layer("quarkus-run.jar", quarkusApp.resolve("quarkus-run.jar"), app + "/quarkus-run.jar"),
                        new Layer("quarkus", quarkusApp.resolve("quarkus"), app + "/quarkus"),
                        new Layer("app", quarkusApp.resolve("app"), app + "/app"));
            }
            case CLASSPATH -> List.of(new Layer("lib", module.resolve("lib"), app + "/lib"),
                    new Layer("app", module.resolve(spec.module() + "-" + version + ".jar"),
                            app + "/app/" + spec.module() + ".jar"));
        };
    }

    static Map<String, String> labels(ImageSpec spec, String version, String revision, String source) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("org.opencontainers.image.title", "twinline-" + spec.module());
        labels.put("org.opencontainers.image.description", spec.description());
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.revision", revision);
        labels.put("org.opencontainers.image.source", source);
        labels.put("org.opencontainers.image.vendor", "Twinline");
        // OCI configs have no health check: the probes' paths travel as labels, for orchestrators and people.
        labels.put("io.twinline.port", String.valueOf(spec.port()));
        labels.put("io.twinline.health.live", spec.livePath());
        labels.put("io.twinline.health.ready", spec.readyPath());
        if (spec.layout() == ImageSpec.Layout.QUARKUS_FAST_JAR) {
            labels.put("io.twinline.health.started", "/q/health/started");
        }
        return labels;
    }

    static JibContainer build(ImageSpec spec, Path baseTar, Path root, Path out, Path cache, String version, String revision,
                              String source) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", ImageSpec.JAVA_HOME + "/bin:/usr/bin:/bin");
        env.put("JAVA_HOME", ImageSpec.JAVA_HOME);
        env.put("LANG", "C.UTF-8");
        env.putAll(new TreeMap<>(spec.environment()));

        JibContainerBuilder image = Jib.from(TarImage.at(baseTar))
                .setFormat(ImageFormat.OCI)
                .setCreationTime(Instant.EPOCH)
                .setUser(ImageSpec.UID + ":" + ImageSpec.UID)
                .setWorkingDirectory(AbsoluteUnixPath.get(ImageSpec.APP_DIR))
                .setEntrypoint(spec.entrypoint())
                .setProgramArguments(List.of())
                .setExposedPorts(Set.of(Port.tcp(spec.port())))
                .setEnvironment(env)
                .setVolumes(spec.volumes().stream().map(AbsoluteUnixPath::get).collect(Collectors.toSet()))
                .setLabels(labels(spec, version, revision, source));
        List<FileEntriesLayer> layers = new ArrayList<>();
        for (Layer layer : layers(spec, root, version)) {
            if (!Files.exists(layer.source())) {
                throw new IllegalStateException(layer.source() + " is missing: package " + spec.module() + " first");
            }
            // Jib dates every file at the same fixed instant and gives them to root, read-only for the service's user.
            layers.add(FileEntriesLayer.builder().setName(layer.name())
                    .addEntryRecursive(layer.source(), AbsoluteUnixPath.get(layer.target())).build());
        }
        image.setFileEntriesLayers(layers);
        Containerizer containerizer = Containerizer.to(TarImage.at(out).named(spec.imageName() + ":" + version))
                .setOfflineMode(true)
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("application"))
                .setToolName("twinline-image-builder");
        return image.containerize(containerizer);
    }
}
