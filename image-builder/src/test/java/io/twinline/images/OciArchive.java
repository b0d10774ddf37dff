package io.twinline.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** Reads an OCI image layout archive as a runtime would: index → manifest → config and layers. */
final class OciArchive implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TarFile tar;
    final JsonNode index;
    final JsonNode manifest;
    final JsonNode config;

    OciArchive(Path archive) throws IOException {
        tar = new TarFile(archive.toFile());
        index = json("index.json");
        manifest = blobJson(index.path("manifests").get(0).path("digest").asText());
        config = blobJson(manifest.path("config").path("digest").asText());
    }

    String digest() {
        return index.path("manifests").get(0).path("digest").asText();
    }

    JsonNode containerConfig() {
        return config.path("config");
    }

    List<String> layerDigests() {
        List<String> digests = new ArrayList<>();
        manifest.path("layers").forEach(l -> digests.add(l.path("digest").asText()));
        return digests;
    }

    /** The history comments of the layers (Jib names each application layer; the base layer has none). */
    List<String> layerNames() {
        List<String> names = new ArrayList<>();
        config.path("history").forEach(h -> names.add(h.path("comment").asText("base")));
        return names;
    }

    /** Every entry of one layer, uncompressed. */
    void forEachEntry(int layer, EntryVisitor visitor) throws IOException {
        try (InputStream in = blob(layerDigests().get(layer));
             TarArchiveInputStream entries = new TarArchiveInputStream(new GZIPInputStream(in))) {
            for (TarArchiveEntry e; (e = entries.getNextEntry()) != null; ) {
                visitor.visit(e, entries);
            }
        }
    }

    interface EntryVisitor {
        void visit(TarArchiveEntry entry, InputStream content) throws IOException;
    }

    /** Unpacks the layers in order into {@code root}, keeping modes, owners and symbolic links. */
    void unpack(Path root) throws IOException {
        for (int i = 0; i < layerDigests().size(); i++) {
            forEachEntry(i, (e, content) -> {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("entry outside the root: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                    return;
                } else if (e.isLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createLink(target, root.resolve(e.getLinkName()));
                    return;
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(content, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(target, permissions(e.getMode()));
                Files.setAttribute(target, "unix:uid", (int) e.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(target, "unix:gid", (int) e.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
            });
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    private JsonNode json(String name) throws IOException {
        try (InputStream in = entry(name)) {
            return JSON.readTree(in);
        }
    }

    private JsonNode blobJson(String digest) throws IOException {
        try (InputStream in = blob(digest)) {
            return JSON.readTree(in);
        }
    }

    InputStream blob(String digest) throws IOException {
        return entry("blobs/" + digest.replace(':', '/'));
    }

    private InputStream entry(String name) throws IOException {
        for (TarArchiveEntry e : tar.getEntries()) {
            if (e.getName().equals(name)) {
                return tar.getInputStream(e);
            }
        }
        throw new IOException("no " + name + " in the archive");
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

}
