package io.twinline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The partner listener's TLS material for a local broker: a self-signed CA and a broker certificate it signed (for
 * {@code 127.0.0.1} and {@code localhost}), made with the JDK's {@code keytool} the first time and kept in
 * {@code dir}. Clients trust {@code ca.pem}; the CA's private key stays in {@code ca.p12} (never handed out).
 *
 * <p>keytool rather than a certificate library: it is part of every JDK, and a local CA needs nothing more.
 */
public final class BrokerTls {

    /**
     * keytool's entry point when this JVM was started with {@code --add-exports java.base/sun.security.tools.keytool=
     * ALL-UNNAMED} (as {@link KafkaBroker} starts its own): one JVM instead of one per keytool call. Otherwise null, and
     * keytool runs as a process.
     */
    private static final java.lang.reflect.Method IN_PROCESS = keytoolEntryPoint();

    private final Path dir;

    BrokerTls(Path dir) {
        this.dir = dir;
    }

    /** The material in {@code dir}, made there when it is missing. */
    public static BrokerTls ensure(Path dir) {
        BrokerTls tls = new BrokerTls(dir);
        if (!Files.isRegularFile(tls.keystore()) || !Files.isRegularFile(tls.caPemFile()) || !Files.isRegularFile(tls.passwordFile())) {
            tls.make();
        }
        return tls;
    }

    /** The CA certificate in PEM, what a partner's agent trusts. */
    public Path caPemFile() {
        return dir.resolve("ca.pem");
    }

    public String caPem() {
        try {
            return Files.readString(caPemFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker's key and certificate chain (PKCS12). */
    public Path keystore() {
        return dir.resolve("broker.p12");
    }

    public String keystorePassword() {
        try {
            return Files.readString(passwordFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path passwordFile() {
        return dir.resolve("broker.password");
    }

    private void make() {
        try {
            Files.createDirectories(dir);
            for (String name : List.of("ca.p12", "ca.pem", "broker.p12", "broker.csr", "broker.pem", "broker.password")) {
                Files.deleteIfExists(dir.resolve(name));
            }
            String caPass = randomPassword();
            String brokerPass = randomPassword();
            String ca = dir.resolve("ca.p12").toString();
            String broker = keystore().toString();
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                    "-dname", "CN=Twinline local Kafka CA", "-ext", "bc:c", "-keystore", ca, "-storetype", "PKCS12",
                    "-storepass", caPass);
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", caPass, "-file", caPemFile().toString());
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                    "-dname", "CN=localhost", "-keystore", broker, "-storetype", "PKCS12", "-storepass", brokerPass);
            keytool("-certreq", "-alias", "broker", "-keystore", broker, "-storepass", brokerPass,
                    "-file", dir.resolve("broker.csr").toString());
            keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", caPass, "-validity", "3650",
                    "-infile", dir.resolve("broker.csr").toString(), "-outfile", dir.resolve("broker.pem").toString(),
                    "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth", "-ext", "ku:c=digitalSignature");
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPemFile().toString(), "-keystore", broker,
                    "-storepass", brokerPass);
            keytool("-importcert", "-alias", "broker", "-file", dir.resolve("broker.pem").toString(), "-keystore", broker,
                    "-storepass", brokerPass);
            Files.deleteIfExists(dir.resolve("broker.csr"));
            Files.writeString(passwordFile(), brokerPass);
            for (String secret : List.of("ca.p12", "broker.p12", "broker.password")) {
                restrict(dir.resolve(secret));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the broker's TLS material in " + dir, e);
        }
    }

    private static void keytool(String... args) throws IOException {
        if (IN_PROCESS != null) {
            try {
                // keytool's own entry point; it ends the JVM only on failure, and this JVM only prepares the broker.
                IN_PROCESS.invoke(null, (Object) args);
                return;
            } catch (ReflectiveOperationException e) {
                throw new IOException("keytool " + args[0] + " failed: " + e.getCause(), e);
            }
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }

    private static java.lang.reflect.Method keytoolEntryPoint() {
        try {
            Class<?> main = Class.forName("sun.security.tools.keytool.Main");
            if (!main.getModule().isExported(main.getPackageName(), BrokerTls.class.getModule())) {
                return null;
            }
            return main.getMethod("main", String[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to tighten
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
