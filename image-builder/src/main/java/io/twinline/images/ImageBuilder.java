package io.twinline.images;

import com.google.cloud.tools.jib.api.JibContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the OCI image archives {@code twinline-<module>-<version>.oci.tar} (and their CycloneDX SBOMs) of the services
 * from their packaged output, with no container daemon and no image registry: the base root filesystem is assembled
 * from pinned Debian packages and a jlink runtime, the application layers are added by Jib offline.
 *
 * <pre>ImageBuilder --root DIR --out DIR --work DIR --version V --source URL [--update-lock true]</pre>
 */
public final class ImageBuilder {

    private ImageBuilder() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path root = Path.of(require(options, "root")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(Path.of(require(options, "work")).toAbsolutePath());
        DebianPackages packages = new DebianPackages(root.resolve("deploy/images/debian-packages.lock"));
        if (Boolean.parseBoolean(options.get("update-lock"))) {
            packages.updateLock(work.resolve("debs"));
            System.out.println("re-pinned " + root.resolve("deploy/images/debian-packages.lock"));
            return;
        }
        Path out = Files.createDirectories(Path.of(require(options, "out")).toAbsolutePath());
        String version = require(options, "version");
        String source = require(options, "source");
        String revision = revision(root, work);

        long started = System.nanoTime();
        BaseRootfs.Result rootfs = new BaseRootfs(packages).build(work);
        Path baseTar = work.resolve("base.tar");
        DockerArchive.write(rootfs, baseTar, "twinline/base:" + version);
        System.out.printf("base root filesystem: Debian packages %s, Java %s (%d s)%n",
                packages.pins().stream().map(p -> p.name() + " " + p.version()).toList(), rootfs.javaVersion(),
                (System.nanoTime() - started) / 1_000_000_000);

        for (ImageSpec spec : ImageSpec.ALL) {
            Path archive = out.resolve(spec.archiveName(version));
            Files.deleteIfExists(archive);
            JibContainer image = AppImage.build(spec, baseTar, root, archive, work.resolve("jib-cache"), version, revision, source);
            Sbom.write(out.resolve(spec.sbomName(version)), spec, version, image.getDigest().toString(),
                    AppImage.layers(spec, root, version), packages.pins(), rootfs.javaVersion());
            System.out.printf("%s  %s  %d MB  (sbom %s)%n", archive, image.getDigest(), Files.size(archive) >> 20,
                    spec.sbomName(version));
        }
    }

    /** The commit the images are built from; "-dirty" when the work tree has changes not committed. */
    private static String revision(Path root, Path work) {
        try {
            String head = DebianPackages.run(List.of("git", "-C", root.toString(), "rev-parse", "HEAD"), work).strip();
            String status = DebianPackages.run(List.of("git", "-C", root.toString(), "status", "--porcelain",
                    "--untracked-files=no"), work).strip();
            return status.isEmpty() ? head : head + "-dirty";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String key = args[i].substring(2);
            if (i + 1 < args.length) {
                options.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
        }
        return options;
    }

    private static String require(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }
}
