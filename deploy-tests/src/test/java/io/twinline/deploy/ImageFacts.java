package io.twinline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a built image (target/images/twinline-<module>-<version>.oci.tar) says about itself. */
record ImageFacts(String module, String reference, List<Integer> ports, List<String> healthPaths, String user) {

    static ImageFacts of(String module) throws IOException {
        Path archive = Manifests.ROOT.resolve("target/images/twinline-" + module + "-" + Manifests.VERSION + ".oci.tar");
        if (!Files.exists(archive)) {
            throw new IllegalStateException("no image " + archive + ": the manifests name an image that is not built"
                    + " (deploy/images/build builds them)");
        }
        try (TarFile tar = new TarFile(archive.toFile())) {
            JsonNode index = read(tar, "index.json");
            JsonNode manifestRef = index.path("manifests").get(0);
            JsonNode manifest = read(tar, blob(manifestRef.path("digest").asText()));
            JsonNode config = read(tar, blob(manifest.path("config").path("digest").asText())).path("config");
            List<Integer> ports = new ArrayList<>();
            config.path("ExposedPorts").fieldNames().forEachRemaining(p -> ports.add(Integer.parseInt(p.replace("/tcp", ""))));
            List<String> health = new ArrayList<>();
            config.path("Labels").fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("io.twinline.health.")) {
                    health.add(e.getValue().asText());
                }
            });
            return new ImageFacts(module, manifestRef.path("annotations").path("org.opencontainers.image.ref.name").asText(),
                    ports, health, config.path("User").asText());
        }
    }

    private static String blob(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static JsonNode read(TarFile tar, String name) throws IOException {
        for (TarArchiveEntry e : tar.getEntries()) {
            if (e.getName().equals(name)) {
                try (InputStream in = tar.getInputStream(e)) {
                    return Manifests.JSON.readTree(in);
                }
            }
        }
        throw new IOException("no " + name);
    }
}
