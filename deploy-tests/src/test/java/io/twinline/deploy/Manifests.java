package io.twinline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The overlays as kustomize renders them, one JSON tree per resource. */
final class Manifests {

    static final Path ROOT = Path.of(System.getProperty("twinline.root", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("twinline.version", "0.1.0-SNAPSHOT");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /** {@code deploy/kubernetes/kubectl kustomize DIR}: the kubectl on PATH, or the pinned one the script fetches. */
    static String render(Path overlay) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ROOT.resolve("deploy/kubernetes/kubectl").toString(), "kustomize", overlay.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("kustomize could not render " + overlay);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static List<JsonNode> overlay(String name) throws IOException, InterruptedException {
        return parse(render(ROOT.resolve("deploy/kubernetes/overlays").resolve(name)));
    }

    static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    static String kind(JsonNode doc) {
        return doc.path("kind").asText();
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind(d).equals(kind)).toList();
    }

    static String where(JsonNode doc) {
        return kind(doc) + " " + name(doc);
    }
}
