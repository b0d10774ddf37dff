package io.twinline.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A CycloneDX 1.5 SBOM of what an image holds, as assembled: every jar of its layers (named by the Maven coordinates
 * the jar itself records), the Debian packages of the base and the Java runtime. A per-module Maven SBOM would miss
 * the last two, so the list is taken from the image's inputs. No timestamp or serial number: the same image, the same
 * SBOM.
 */
final class Sbom {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Component(String type, String name, String group, String version, String purl, String sha256) {
    }

    private Sbom() {
    }

    static void write(Path file, ImageSpec spec, String version, String imageDigest, List<AppImage.Layer> layers,
                      List<DebianPackages.Pin> debs, String javaVersion) throws IOException {
        List<Component> components = new ArrayList<>();
        for (AppImage.Layer layer : layers) {
            try (Stream<Path> files = Files.walk(layer.source())) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    components.add(jarComponent(jar));
                }
            }
        }
        for (DebianPackages.Pin pin : debs) {
            components.add(new Component("library", pin.name(), null, pin.version(), pin.purl(), null));
        }
        components.add(new Component("framework", "openjdk-jlink-runtime", null, javaVersion,
                "pkg:generic/openjdk@" + javaVersion + "?modules=" + String.join(",", BaseRootfs.JRE_MODULES), null));
        components.sort(Comparator.comparing(Component::purl));

        ObjectNode bom = JSON.createObjectNode();
        bom.put("bomFormat", "CycloneDX").put("specVersion", "1.5").put("version", 1);
        ObjectNode metadata = bom.putObject("metadata");
        metadata.putArray("tools").addObject().put("name", "twinline-image-builder");
        metadata.putObject("component").put("type", "container").put("name", spec.imageName()).put("version", version)
                .put("purl", "pkg:oci/" + spec.module() + "@" + imageDigest.replace(":", "%3A") + "?tag=" + version)
                .put("bom-ref", spec.imageName() + ":" + version);
        ArrayNode list = bom.putArray("components");
        for (Component c : components) {
            ObjectNode node = list.addObject().put("type", c.type()).put("name", c.name());
            if (c.group() != null) {
                node.put("group", c.group());
            }
            node.put("version", c.version()).put("purl", c.purl()).put("bom-ref", c.purl());
            if (c.sha256() != null) {
                node.putArray("hashes").addObject().put("alg", "SHA-256").put("content", c.sha256());
            }
        }
        JSON.writeValue(file.toFile(), bom);
    }

    /** The jar's own Maven coordinates when it records them, else its file name. */
    private static Component jarComponent(Path jar) throws IOException {
        String sha = Digests.sha256(jar);
        try (JarFile jf = new JarFile(jar.toFile())) {
            var entry = jf.stream().filter(e -> e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties"))
                    .findFirst();
            if (entry.isPresent()) {
                Properties props = new Properties();
                try (InputStream in = jf.getInputStream(entry.get())) {
                    props.load(in);
                }
                String g = props.getProperty("groupId");
                String a = props.getProperty("artifactId");
                String v = props.getProperty("version");
                if (g != null && a != null && v != null) {
                    return new Component("library", a, g, v, "pkg:maven/" + g + "/" + a + "@" + v + "?type=jar", sha);
                }
            }
        }
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        return new Component("file", name, null, "unknown", "pkg:generic/" + name + "?sha256=" + sha, sha);
    }
}
