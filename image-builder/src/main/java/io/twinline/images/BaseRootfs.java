package io.twinline.images;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The root filesystem every image starts from: the pinned Debian packages' files (the C library and what the Java
 * runtime links against), a Java runtime trimmed with jlink from the building JDK, and a non-root user. No shell, no
 * package manager: nothing in the image but what the services run on.
 */
final class BaseRootfs {

    /**
     * The JDK modules the services need: Quarkus, Hibernate, the JDBC drivers, Kafka's client and Groovy (java.desktop
     * for java.beans, java.rmi for context propagation). The test of the images starts the agent on exactly this runtime.
     */
    static final List<String> JRE_MODULES = List.of("java.base", "java.compiler", "java.desktop", "java.instrument",
            "java.logging", "java.management", "java.naming", "java.net.http", "java.prefs", "java.rmi", "java.scripting",
            "java.security.jgss", "java.security.sasl", "java.sql", "java.transaction.xa", "java.xml", "jdk.charsets",
            "jdk.crypto.ec", "jdk.management", "jdk.naming.dns", "jdk.security.auth", "jdk.unsupported", "jdk.zipfs");

    /** Files of the packages nobody in a container reads (documentation is kept as its copyright notices). */
    private static final List<String> PRUNED = List.of("usr/share/man", "usr/share/info", "usr/share/lintian", "usr/share/locale");

    record Result(Path dir, Map<String, Integer> owners, String javaVersion) {
    }

    private final DebianPackages packages;

    BaseRootfs(DebianPackages packages) {
        this.packages = packages;
    }

    Result build(Path work) throws IOException, InterruptedException {
        Path rootfs = work.resolve("rootfs");
        deleteTree(rootfs);
        Files.createDirectories(rootfs);
        List<Path> debs = packages.fetch(work.resolve("debs"));
        for (Path deb : debs) {
            DebianPackages.run(List.of("dpkg-deb", "-x", deb.toString(), rootfs.toString()), work);
            recordPackage(rootfs, deb, work);
        }
        for (String pruned : PRUNED) {
            deleteTree(rootfs.resolve(pruned));
        }
        pruneDocs(rootfs.resolve("usr/share/doc"));
        jlink(rootfs.resolve(ImageSpec.JAVA_HOME.substring(1)));

        writeEtc(rootfs);
        Map<String, Integer> owners = Map.of(
                "home/" + ImageSpec.USER, ImageSpec.UID,
                ImageSpec.AGENT_STATE_DIR.substring(1), ImageSpec.UID);
        // Mount points a container runtime fills.
        for (String mountPoint : List.of("proc", "sys", "dev")) {
            Files.createDirectories(rootfs.resolve(mountPoint));
        }
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.setPosixFilePermissions(rootfs.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        for (String owned : owners.keySet()) {
            Path dir = Files.createDirectories(rootfs.resolve(owned));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return new Result(rootfs, owners, Runtime.version().toString());
    }

    private static void jlink(Path target) {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IllegalStateException(
                "the building Java has no jlink: build the images with a JDK (with its jmods), not a JRE"));
        StringWriter out = new StringWriter();
        // No compression of the module image: the layer is gzipped anyway, and an uncompressed one starts faster.
        int code = jlink.run(new PrintWriter(out), new PrintWriter(out), "--add-modules", String.join(",", JRE_MODULES),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=0", "--output", target.toString());
        if (code != 0) {
            throw new IllegalStateException("jlink failed (is the JDK's jmods directory present?): " + out);
        }
    }

    /** Scanners (and people) find the packages where dpkg would list them. */
    private static void recordPackage(Path rootfs, Path deb, Path work) throws IOException, InterruptedException {
        String control = DebianPackages.run(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Version", "Architecture",
                "Source", "Maintainer", "Description"), work);
        String name = control.lines().filter(l -> l.startsWith("Package: ")).findFirst().orElseThrow().substring(9).strip();
        Path status = Files.createDirectories(rootfs.resolve("var/lib/dpkg/status.d"));
        String[] lines = control.split("\n", 2);
        Files.writeString(status.resolve(name), lines[0] + "\nStatus: install ok installed\n" + (lines.length > 1 ? lines[1] : ""));
    }

    private static void writeEtc(Path rootfs) throws IOException {
        Path etc = Files.createDirectories(rootfs.resolve("etc"));
        String user = ImageSpec.USER;
        int uid = ImageSpec.UID;
        write(etc.resolve("passwd"), "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                + user + ":x:" + uid + ":" + uid + ":Twinline:/home/" + user + ":/usr/sbin/nologin\n");
        write(etc.resolve("group"), "root:x:0:\n" + user + ":x:" + uid + ":\n");
        write(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
        write(etc.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n");
        write(etc.resolve("os-release"), "PRETTY_NAME=\"Twinline base (Debian GNU/Linux 12 packages)\"\nID=debian\n"
                + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void pruneDocs(Path doc) throws IOException {
        if (!Files.isDirectory(doc)) {
            return;
        }
        List<Path> drop = new ArrayList<>();
        try (Stream<Path> files = Files.walk(doc)) {
            files.filter(p -> !Files.isDirectory(p) && !p.getFileName().toString().equals("copyright")).forEach(drop::add);
        }
        for (Path p : drop) {
            Files.delete(p);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
