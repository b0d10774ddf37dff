package io.twinline.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The built archives (target/images) say what a runtime needs, and say it the same way on every build. */
class ImageConfigurationIT {

    static final Path IMAGES = Path.of(System.getProperty("twinline.images", "../target/images"));
    static final String VERSION = System.getProperty("twinline.version", "0.1.0-SNAPSHOT");

    static Stream<ImageSpec> images() {
        return ImageSpec.ALL.stream();
    }

    static Path archive(ImageSpec spec) {
        return IMAGES.resolve(spec.archiveName(VERSION));
    }

    @ParameterizedTest
    @MethodSource("images")
    void runsAsTheNonRootUserWithTheEntrypointPortAndLabels(ImageSpec spec) throws IOException {
        try (OciArchive image = new OciArchive(archive(spec))) {
            JsonNode config = image.containerConfig();
            assertThat(image.index.path("manifests").get(0).path("annotations").path("org.opencontainers.image.ref.name").asText())
                    .isEqualTo(spec.imageName() + ":" + VERSION);
            assertThat(config.path("User").asText()).isEqualTo("10001:10001");
            assertThat(strings(config.path("Entrypoint"))).isEqualTo(spec.entrypoint());
            assertThat(strings(config.path("Entrypoint")).get(0)).isEqualTo("/opt/java/bin/java");
            assertThat(fieldNames(config.path("ExposedPorts"))).containsExactly(spec.port() + "/tcp");
            assertThat(config.path("WorkingDir").asText()).isEqualTo("/deployments");
            JsonNode labels = config.path("Labels");
            assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo(VERSION);
            assertThat(labels.path("org.opencontainers.image.revision").asText()).matches("[0-9a-f]{40}(-dirty)?|unknown");
            assertThat(labels.path("org.opencontainers.image.source").asText()).startsWith("https://");
            assertThat(labels.path("io.twinline.port").asText()).isEqualTo(String.valueOf(spec.port()));
            assertThat(labels.path("io.twinline.health.live").asText()).isEqualTo(spec.livePath());
            assertThat(labels.path("io.twinline.health.ready").asText()).isEqualTo(spec.readyPath());
            assertThat(fieldNames(config.path("Volumes"))).containsExactlyElementsOf(spec.volumes());
            assertThat(image.config.path("created").asText()).isEqualTo("1970-01-01T00:00:00Z");
        }
    }

    @ParameterizedTest
    @MethodSource("images")
    void layersFollowTheApplicationLayoutAndTheUserExists(ImageSpec spec) throws IOException {
        try (OciArchive image = new OciArchive(archive(spec))) {
            List<String> expected = new ArrayList<>(List.of("base"));
            expected.addAll(spec.layout() == ImageSpec.Layout.QUARKUS_FAST_JAR
                    ? List.of("lib/boot", "lib/main", "quarkus-run.jar", "quarkus", "app") : List.of("lib", "app"));
            assertThat(image.layerNames()).isEqualTo(expected);

            // Each application layer holds its own part of /deployments and nothing else.
            for (int i = 1; i < expected.size(); i++) {
                String prefix = "deployments/" + expected.get(i);
                List<String> names = new ArrayList<>();
                image.forEachEntry(i, (e, in) -> {
                    if (!e.isDirectory()) {
                        names.add(e.getName());
                    }
                    assertThat(e.getModTime().getTime()).as(e.getName()).isEqualTo(1000L);
                    assertThat(e.getLongUserId()).as(e.getName()).isZero();
                    assertThat(e.getMode() & 0022).as(e.getName() + " writable by others").isZero();
                });
                assertThat(names).isNotEmpty().allMatch(n -> n.startsWith(prefix), "under " + prefix);
            }

            // The base: the user, the JRE, the C library, the state directory the user owns; no shell.
            Map<String, Long> owners = new java.util.HashMap<>();
            Set<String> files = new HashSet<>();
            StringBuilder passwd = new StringBuilder();
            image.forEachEntry(0, (e, in) -> {
                files.add(e.getName().replaceFirst("/$", ""));
                owners.put(e.getName().replaceFirst("/$", ""), e.getLongUserId());
                assertThat(e.getModTime().getTime()).as(e.getName()).isZero();
                if (e.getName().equals("etc/passwd")) {
                    passwd.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            });
            assertThat(passwd.toString()).contains("twinline:x:10001:10001:");
            assertThat(files).contains("opt/java/bin/java", "opt/java/lib/security/cacerts", "lib/x86_64-linux-gnu/libc.so.6",
                    "lib64/ld-linux-x86-64.so.2", "tmp", "var/lib/dpkg/status.d/libc6");
            assertThat(files).doesNotContain("bin/sh", "usr/bin/apt-get");
            assertThat(owners.get("var/lib/twinline-agent")).isEqualTo(10001L);
            assertThat(owners.get("opt/java/bin/java")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("images")
    void aCycloneDxSbomListsTheImagesJarsPackagesAndRuntime(ImageSpec spec) throws IOException {
        JsonNode sbom = new ObjectMapper().readTree(IMAGES.resolve(spec.sbomName(VERSION)).toFile());
        assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        try (OciArchive image = new OciArchive(archive(spec))) {
            assertThat(sbom.path("metadata").path("component").path("purl").asText()).contains(image.digest().replace(":", "%3A"));
            int jars = 0;
            for (int i = 1; i < image.layerDigests().size(); i++) {
                int[] count = {0};
                image.forEachEntry(i, (e, in) -> count[0] += e.getName().endsWith(".jar") ? 1 : 0);
                jars += count[0];
            }
            List<String> purls = new ArrayList<>();
            sbom.path("components").forEach(c -> purls.add(c.path("purl").asText()));
            assertThat(purls.stream().filter(p -> p.startsWith("pkg:maven/") || p.startsWith("pkg:generic/") && !p.startsWith("pkg:generic/openjdk")))
                    .hasSize(jars);
            assertThat(purls).anyMatch(p -> p.startsWith("pkg:deb/debian/libc6@"))
                    .anyMatch(p -> p.startsWith("pkg:generic/openjdk@"));
        }
    }

    /**
     * Same input, same digest; and a change of the application's own code (app/) changes only the top layer: the
     * image is rebuilt here from a copy of sync-agent's fast-jar, once unchanged and once with a changed class file.
     */
    @Test
    void sameInputSameDigestAndACodeChangeRebuildsOnlyTheTopLayer(@TempDir Path temp) throws Exception {
        ImageSpec agent = ImageSpec.ALL.get(0);
        Path work = Path.of("target/work");
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (OciArchive built = new OciArchive(archive(agent))) {
            JsonNode labels = built.containerConfig().path("Labels");
            String revision = labels.path("org.opencontainers.image.revision").asText();
            String source = labels.path("org.opencontainers.image.source").asText();

            Path again = temp.resolve("again.oci.tar");
            AppImage.build(agent, work.resolve("base.tar"), root, again, temp.resolve("cache"), VERSION, revision, source);
            try (OciArchive rebuilt = new OciArchive(again)) {
                assertThat(rebuilt.digest()).isEqualTo(built.digest());
            }

            Path copy = temp.resolve("root");
            Path app = copy.resolve("sync-agent/target/quarkus-app");
            copyTree(root.resolve("sync-agent/target/quarkus-app"), app);
            try (Stream<Path> jars = Files.list(app.resolve("app"))) {
                Path jar = jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
                Files.write(jar, new byte[]{0}, java.nio.file.StandardOpenOption.APPEND);
            }
            Path changed = temp.resolve("changed.oci.tar");
            AppImage.build(agent, work.resolve("base.tar"), copy, changed, temp.resolve("cache2"), VERSION, revision, source);
            try (OciArchive other = new OciArchive(changed)) {
                List<String> before = built.layerDigests();
                List<String> after = other.layerDigests();
                assertThat(after.subList(0, after.size() - 1)).isEqualTo(before.subList(0, before.size() - 1));
                assertThat(after.get(after.size() - 1)).isNotEqualTo(before.get(before.size() - 1));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
