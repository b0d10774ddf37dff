package io.twinline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Twinline's Kafka as deployed, run as its own process (KRaft, combined broker and controller, on 127.0.0.1): the same
 * broker for the e2e tests, the services' tests and {@code deploy/local/up}.
 *
 * <ul>
 *   <li>{@code INTERNAL} (PLAINTEXT): the public side's own services and public agent. Its clients are
 *       {@code User:ANONYMOUS}, a super user: the listener is reachable only inside the public side (loopback here, the
 *       cluster network behind a NetworkPolicy in Kubernetes), and every public service needs to administer topics,
 *       identities and ACLs anyway.</li>
 *   <li>{@code PARTNER} (SASL_SSL, SCRAM-SHA-512): the only listener a partner reaches; TLS from {@link BrokerTls}; each
 *       connection's agent has its own SCRAM identity with ACLs on its own topic and group only.</li>
 *   <li>{@code CONTROLLER} (PLAINTEXT, loopback): KRaft's own quorum.</li>
 * </ul>
 * {@code StandardAuthorizer} is on, {@code allow.everyone.if.no.acl.found=false}, {@code auto.create.topics.enable=false}:
 * every topic is created on purpose.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String PROPERTIES = "server.properties";
    /** Lets {@link BrokerTls} run keytool inside the broker's JVM (one JVM start instead of seven). */
    public static final String KEYTOOL_EXPORT = "java.base/sun.security.tools.keytool=ALL-UNNAMED";

    private final Path dir;
    private final int internalPort;
    private final int partnerPort;
    private final BrokerTls tls;
    private final Process process;

    private KafkaBroker(Path dir, int internalPort, int partnerPort, BrokerTls tls, Process process) {
        this.dir = dir;
        this.internalPort = internalPort;
        this.partnerPort = partnerPort;
        this.tls = tls;
        this.process = process;
    }

    /**
     * Makes the TLS material when missing, writes {@code dir/server.properties} and formats the storage the first time.
     * {@code deploy/local/up} calls this ({@code KafkaBroker DIR INTERNAL_PORT PARTNER_PORT CONTROLLER_PORT}) and then
     * runs {@code kafka.Kafka dir/server.properties} itself.
     */
    public static BrokerTls prepare(Path dir, int internalPort, int partnerPort, int controllerPort) {
        try {
            Files.createDirectories(dir);
            BrokerTls tls = BrokerTls.ensure(dir.resolve("tls"));
            Path properties = dir.resolve(PROPERTIES);
            Files.writeString(properties, properties(dir, tls, internalPort, partnerPort, controllerPort));
            try {
                Files.setPosixFilePermissions(properties, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX: nothing to tighten
            }
            if (!Files.isRegularFile(dir.resolve("data/meta.properties"))) {
                try (java.io.PrintStream log = new java.io.PrintStream(Files.newOutputStream(dir.resolve("format.log")))) {
                    kafka.tools.StorageTool.execute(new String[] {"format", "-t", clusterId(), "-c", properties.toString()}, log);
                }
            }
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Kafka in " + dir, e);
        }
    }

    /** A fresh broker in {@code dir} on free ports, with its own CA (made for this run), ready when this returns. */
    public static KafkaBroker start(Path dir) {
        int internal = ServiceProcess.freePort();
        int partner = ServiceProcess.freePort();
        int controller = ServiceProcess.freePort();
        try {
            Files.createDirectories(dir);
            // One JVM makes the TLS material, formats the storage and runs the broker.
            Process process = javaProcess(List.of("-Xmx512m", KafkaBroker.class.getName(), "run", dir.toString(),
                    String.valueOf(internal), String.valueOf(partner), String.valueOf(controller)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.log").toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            KafkaBroker broker = new KafkaBroker(dir, internal, partner, new BrokerTls(dir.resolve("tls")), process);
            broker.awaitPort(internal, Duration.ofSeconds(180));
            broker.awaitPort(partner, Duration.ofSeconds(30));
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka", e);
        }
    }

    /** The public side's listener. */
    public String internalBootstrap() {
        return "127.0.0.1:" + internalPort;
    }

    /** The partners' listener (TLS + SCRAM). */
    public String partnerBootstrap() {
        return "127.0.0.1:" + partnerPort;
    }

    public BrokerTls tls() {
        return tls;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code KafkaBroker prepare|run DIR INTERNAL_PORT PARTNER_PORT CONTROLLER_PORT}: {@code prepare} writes the
     * configuration (and the TLS material and storage the first time); {@code run} prepares and then runs the broker in
     * this JVM until it is stopped.
     */
    public static void main(String[] args) {
        if (args.length != 5 || !List.of("prepare", "run").contains(args[0])) {
            System.err.println("usage: KafkaBroker prepare|run DIR INTERNAL_PORT PARTNER_PORT CONTROLLER_PORT");
            System.exit(64);
        }
        Path dir = Path.of(args[1]);
        prepare(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        System.out.println("Kafka prepared in " + dir);
        if (args[0].equals("run")) {
            kafka.Kafka.main(new String[] {dir.resolve(PROPERTIES).toString()});
        }
    }

    static String properties(Path dir, BrokerTls tls, int internalPort, int partnerPort, int controllerPort) {
        return String.join("\n",
                "# Written by io.twinline.testkit.KafkaBroker: three listeners, TLS + SCRAM for partners, no default access.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=INTERNAL://127.0.0.1:" + internalPort + ",PARTNER://127.0.0.1:" + partnerPort
                        + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=INTERNAL://127.0.0.1:" + internalPort + ",PARTNER://127.0.0.1:" + partnerPort,
                "listener.security.protocol.map=INTERNAL:PLAINTEXT,PARTNER:SASL_SSL,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=INTERNAL",
                "controller.listener.names=CONTROLLER",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.partner.sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.partner.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.partner.ssl.keystore.type=PKCS12",
                "listener.name.partner.ssl.keystore.location=" + tls.keystore().toAbsolutePath(),
                "listener.name.partner.ssl.keystore.password=" + tls.keystorePassword(),
                "listener.name.partner.ssl.key.password=" + tls.keystorePassword(),
                "ssl.enabled.protocols=TLSv1.3,TLSv1.2",
                // A deleted identity's open connections end at their next re-authentication.
                "connections.max.reauth.ms=60000",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:ANONYMOUS",
                "auto.create.topics.enable=false",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
    }

    private static String clusterId() {
        // A KRaft cluster id is 16 random bytes in base64url without padding, as StorageTool random-uuid prints.
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** A JVM with this one's class path (the test's, or deploy/local's testkit class path), which holds Kafka's jars. */
    private static ProcessBuilder javaProcess(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-exports");
        command.add(KEYTOOL_EXPORT);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /** Open ports are not enough: the broker must have registered with its controller. */
    private void awaitReady() {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of(
                "bootstrap.servers", internalBootstrap(), "request.timeout.ms", 5000, "default.api.timeout.ms", 60000))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
            admin.listTopics().names().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not become ready; see " + dir.resolve("kafka.log"), e);
        }
    }

    private void awaitPort(int port, Duration limit) {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka stopped while starting; see " + dir.resolve("kafka.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while Kafka starts", ie);
                }
            }
        }
        throw new IllegalStateException("Kafka did not open port " + port + " within " + limit + "; see " + dir.resolve("kafka.log"));
    }
}
