package io.twinline.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a root filesystem as a {@code docker save}-style archive, the base image form Jib reads offline. Entries are
 * sorted, owned by root unless named otherwise, and dated at the epoch, so the same files give the same digest.
 */
final class DockerArchive {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerArchive() {
    }

    static void write(BaseRootfs.Result rootfs, Path archive, String repoTag) throws IOException {
        Path layer = archive.resolveSibling(archive.getFileName() + ".layer.tar");
        String diffId = writeLayer(rootfs.dir(), rootfs.owners(), layer);

        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", "amd64").put("os", "linux").put("created", "1970-01-01T00:00:00Z");
        config.putObject("config");
        ObjectNode fs = config.putObject("rootfs").put("type", "layers");
        fs.putArray("diff_ids").add("sha256:" + diffId);
        config.putArray("history").addObject().put("created", "1970-01-01T00:00:00Z")
                .put("created_by", "Twinline image-builder: Debian 12 packages, jlink runtime " + rootfs.javaVersion());
        byte[] configBytes = JSON.writeValueAsBytes(config);
        String configName = Digests.sha256(configBytes) + ".json";

        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode image = manifest.addObject().put("Config", configName);
        image.putArray("RepoTags").add(repoTag);
        image.putArray("Layers").add(diffId + "/layer.tar");

        try (TarArchiveOutputStream tar = open(Files.newOutputStream(archive))) {
            putBytes(tar, configName, configBytes);
            putBytes(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
            TarArchiveEntry entry = fixed(new TarArchiveEntry(diffId + "/layer.tar"), 0644);
            entry.setSize(Files.size(layer));
            tar.putArchiveEntry(entry);
            Files.copy(layer, tar);
            tar.closeArchiveEntry();
        }
        Files.delete(layer);
    }

    /** The layer tar of {@code root}; returns its sha256 (the diff id). */
    private static String writeLayer(Path root, Map<String, Integer> owners, Path layer) throws IOException {
        MessageDigest digest = Digests.newDigest();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            // Sorted by path string: parents before children, the same order on every machine.
            paths = walk.filter(p -> !p.equals(root)).sorted((a, b) -> root.relativize(a).toString()
                    .compareTo(root.relativize(b).toString())).toList();
        }
        try (TarArchiveOutputStream tar = open(new DigestOutputStream(Files.newOutputStream(layer), digest))) {
            for (Path path : paths) {
                String name = root.relativize(path).toString();
                // The sticky bit of /tmp is not a POSIX permission to Java.
                int mode = name.equals("tmp") ? mode(path) | 01000 : mode(path);
                TarArchiveEntry entry;
                boolean regular = false;
                if (Files.isSymbolicLink(path)) {
                    entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(path).toString());
                    fixed(entry, 0777);
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entry = fixed(new TarArchiveEntry(name + "/"), mode);
                } else {
                    entry = fixed(new TarArchiveEntry(name), mode);
                    entry.setSize(Files.size(path));
                    regular = true;
                }
                Integer owner = owners.get(name);
                if (owner != null) {
                    entry.setIds(owner, owner);
                }
                tar.putArchiveEntry(entry);
                if (regular) {
                    Files.copy(path, tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static TarArchiveOutputStream open(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    private static TarArchiveEntry fixed(TarArchiveEntry entry, int mode) {
        entry.setMode((entry.isSymbolicLink() ? 0120000 : entry.isDirectory() ? 040000 : 0100000) | mode);
        entry.setModTime(0);
        entry.setIds(0, 0);
        entry.setUserName("");
        entry.setGroupName("");
        return entry;
    }

    private static void putBytes(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = fixed(new TarArchiveEntry(name), 0644);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static int mode(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            return 0777;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= switch (p) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }
}
