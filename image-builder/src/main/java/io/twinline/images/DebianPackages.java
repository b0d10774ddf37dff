package io.twinline.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pinned Debian packages of the operating system layer: read from the lock file, fetched with {@code apt-get
 * download} (the ordinary client, so mirrors and proxies configured for apt apply) and checked against their sha256.
 */
final class DebianPackages {

    record Pin(String name, String version, String sha256) {
        String purl() {
            return "pkg:deb/debian/" + name + "@" + version.replace(":", "%3A") + "?arch=amd64&distro=debian-12";
        }
    }

    private final Path lock;
    private boolean updated;

    DebianPackages(Path lock) {
        this.lock = lock;
    }

    List<Pin> pins() throws IOException {
        List<Pin> pins = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(lock)) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 3 || !parts[2].matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(lock + " line " + lineNo + ": expected 'package version sha256', got '" + trimmed + "'");
            }
            pins.add(new Pin(parts[0], parts[1], parts[2]));
        }
        return pins;
    }

    /** The .deb of each pin, from the cache or apt, each checked against its pinned digest. */
    List<Path> fetch(Path cache) throws IOException, InterruptedException {
        List<Path> debs = new ArrayList<>();
        for (Pin pin : pins()) {
            Path dir = Files.createDirectories(cache.resolve(pin.name() + "_" + pin.version().replace(':', '%')));
            Path deb = find(dir);
            if (deb == null || !Digests.sha256(deb).equals(pin.sha256())) {
                clean(dir);
                download(pin.name() + "=" + pin.version(), dir, "Debian no longer serves " + pin.name() + " " + pin.version()
                        + "; run `deploy/images/build --update-lock` to pin the versions apt serves now");
                deb = find(dir);
                String actual = Digests.sha256(deb);
                if (!actual.equals(pin.sha256())) {
                    throw new IllegalStateException(pin.name() + " " + pin.version() + ": sha256 " + actual
                            + " differs from the pinned " + pin.sha256() + " in " + lock);
                }
            }
            debs.add(deb);
        }
        return debs;
    }

    /** Re-pins every package of the lock to the version apt offers now. */
    void updateLock(Path cache) throws IOException, InterruptedException {
        List<String> header = Files.readAllLines(lock).stream().takeWhile(l -> l.startsWith("#")).toList();
        List<String> lines = new ArrayList<>(header);
        for (Pin pin : pins()) {
            Path dir = Files.createDirectories(cache.resolve("candidate-" + pin.name()));
            clean(dir);
            download(pin.name(), dir, "apt offers no " + pin.name());
            Path deb = find(dir);
            String version = run(List.of("dpkg-deb", "-f", deb.toString(), "Version"), dir).strip();
            lines.add(pin.name() + " " + version + " " + Digests.sha256(deb));
        }
        Files.write(lock, lines);
    }

    private void download(String what, Path dir, String failure) throws IOException, InterruptedException {
        try {
            run(List.of("apt-get", "download", "-q", what), dir);
        } catch (IllegalStateException e) {
            // A fresh machine has no package lists yet; root can fetch them once.
            if (!updated && "root".equals(System.getProperty("user.name"))) {
                updated = true;
                run(List.of("apt-get", "update", "-q"), dir);
                download(what, dir, failure);
                return;
            }
            throw new IllegalStateException(failure + " (" + e.getMessage().strip() + ")", e);
        }
    }

    private static Path find(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
        }
    }

    private static void clean(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    /** Runs a command, returns its output; a non-zero exit is an {@link IllegalStateException} with the output. */
    static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("LC_ALL", "C"));
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
