package io.twinline.images;

import java.util.List;
import java.util.Map;

/**
 * What one image is: the module it is made of, how its application is laid out, and what the container says about
 * itself (port, health paths, environment, volume). The test of the images and the manifest tests read the same facts
 * from the built image, so this is the one place they are written down.
 */
public record ImageSpec(String module, Layout layout, int port, String livePath, String readyPath,
                        Map<String, String> environment, List<String> volumes, String description) {

    /** The fast-jar of a Quarkus application, or a plain classpath (the tracker simulator). */
    public enum Layout { QUARKUS_FAST_JAR, CLASSPATH }

    /** The non-root user every image runs as (no login shell, no home outside /home/twinline). */
    public static final int UID = 10001;
    public static final String USER = "twinline";
    /** Where the application goes; Quarkus also reads {@code config/application.properties} from here. */
    public static final String APP_DIR = "/deployments";
    public static final String JAVA_HOME = "/opt/java";
    public static final String AGENT_STATE_DIR = "/var/lib/twinline-agent";

    public static final List<ImageSpec> ALL = List.of(
            new ImageSpec("sync-agent", Layout.QUARKUS_FAST_JAR, 8085, "/q/health/live", "/q/health/ready",
                    Map.of("TWINLINE_AGENT_STATE_DIR", AGENT_STATE_DIR),
                    List.of(AGENT_STATE_DIR),
                    "Twinline sync-agent: talks to one tracker and initiates every call across the boundary"),
            new ImageSpec("connection-service", Layout.QUARKUS_FAST_JAR, 8080, "/q/health/live", "/q/health/ready",
                    Map.of(), List.of(), "Twinline connection-service: connections, and the agents' edge API"),
            new ImageSpec("invitation-service", Layout.QUARKUS_FAST_JAR, 8081, "/q/health/live", "/q/health/ready",
                    Map.of(), List.of(), "Twinline invitation-service: mints and redeems invitation codes"),
            new ImageSpec("tracker-simulator", Layout.CLASSPATH, 8090, "/_sim/health", "/_sim/health",
                    Map.of(), List.of(), "Twinline tracker-simulator: Freshdesk v2 and Jira DC v2 simulators for demos"));

    public String imageName() {
        return "twinline/" + module;
    }

    public String archiveName(String version) {
        return "twinline-" + module + "-" + version + ".oci.tar";
    }

    public String sbomName(String version) {
        return "twinline-" + module + "-" + version + ".cdx.json";
    }

    public List<String> entrypoint() {
        String java = JAVA_HOME + "/bin/java";
        // Heap from the container's memory limit, not the node's; the JVM reads the cgroup limit itself.
        return switch (layout) {
            case QUARKUS_FAST_JAR -> List.of(java, "-XX:MaxRAMPercentage=75", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                    "-jar", APP_DIR + "/quarkus-run.jar");
            // The simulator listens on loopback by default; in a container it must take every interface.
            case CLASSPATH -> List.of(java, "-XX:MaxRAMPercentage=75", "-cp", APP_DIR + "/lib/*:" + APP_DIR + "/app/*",
                    "io.twinline.simulator.TrackerSimulator", "--host", "0.0.0.0", "--port", String.valueOf(port));
        };
    }
}
