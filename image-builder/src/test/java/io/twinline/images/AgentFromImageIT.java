package io.twinline.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.twinline.core.invitation.InvitationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Starts the agent as its image says, from the image's own root filesystem: the layers unpacked, the image's
 * entrypoint, environment, working directory and user, its own jlink runtime and C library, under chroot in fresh
 * mount and PID namespaces (as root, like a container runtime). Its only configuration is environment variables: an
 * invitation code naming a stand-in invitation service on loopback, which the agent calls out to while its health
 * endpoint answers. Nothing of the host's Java or libraries is used.
 */
class AgentFromImageIT {

    private Process agent;
    private HttpServer invitationService;

    @AfterEach
    void stop() throws InterruptedException {
        if (agent != null) {
            // unshare's --kill-child does not reach the agent: --setuid clears the parent-death signal, so the
            // agent (PID 1 of its namespace) would outlive unshare. Stop the whole tree, the agent first.
            List<ProcessHandle> tree = new ArrayList<>(agent.descendants().toList());
            tree.forEach(ProcessHandle::destroy);
            agent.destroy();
            for (ProcessHandle p : tree) {
                try {
                    p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    p.destroyForcibly();
                }
            }
            if (!agent.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
        if (invitationService != null) {
            invitationService.stop(0);
        }
    }

    @Test
    void theAgentStartsFromItsImageAndAnswersItsHealthEndpoint(@TempDir Path temp) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "starting the image's root filesystem needs root (chroot, mount and PID namespaces); CI runs as root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare (util-linux)");

        ImageSpec spec = ImageSpec.ALL.get(0);
        Path rootfs = temp.resolve("rootfs");
        JsonNode config;
        try (OciArchive image = new OciArchive(ImageConfigurationIT.archive(spec))) {
            image.unpack(rootfs);
            config = image.containerConfig();
        }

        List<String> redeemed = new CopyOnWriteArrayList<>();
        invitationService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        invitationService.createContext("/api/v1/invitations/redeem", exchange -> {
            redeemed.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"title\":\"not yet\",\"status\":503}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        invitationService.start();
        String publicSide = "http://127.0.0.1:" + invitationService.getAddress().getPort();
        String code = InvitationCode.mint(new InvitationCode.Payload(InvitationCode.FORMAT_VERSION, UUID.randomUUID(), UUID.randomUUID(), "image test",
                "acme", publicSide, publicSide, Instant.now().plus(Duration.ofHours(1)))).value();

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child", "--",
                "/bin/sh", "-c",
                // A runtime's /proc and /dev, then the image's working directory and user inside its root.
                "mount -t proc proc \"$1/proc\" && mount --rbind /dev \"$1/dev\" && shift "
                        + "&& exec unshare --root=\"$R\" --wd=\"$WD\" --setuid=\"$U\" --setgid=\"$G\" -- \"$@\"",
                "sh", rootfs.toString()));
        config.path("Entrypoint").forEach(arg -> command.add(arg.asText()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("agent.log").toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        config.path("Env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            env.put(kv[0], kv[1]);
        });
        String[] user = config.path("User").asText().split(":");
        env.put("R", rootfs.toString());
        env.put("WD", config.path("WorkingDir").asText());
        env.put("U", user[0]);
        env.put("G", user[1]);
        env.put("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");  // for the host's sh and mount, before the chroot
        // The agent's whole configuration: its name, the invitation code, and (for this test) a loopback port.
        env.put("TWINLINE_AGENT_SHORT_NAME", "imagetest");
        env.put("TWINLINE_AGENT_INVITATION", code);
        env.put("TWINLINE_AGENT_HOST", "127.0.0.1");
        env.put("TWINLINE_AGENT_PORT", String.valueOf(port));
        agent = pb.start();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI live = URI.create("http://127.0.0.1:" + port + spec.livePath());
        URI ready = URI.create("http://127.0.0.1:" + port + spec.readyPath());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                .untilAsserted(() -> {
            assertThat(agent.isAlive()).as("agent running; log:\n%s", log(temp)).isTrue();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(live).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"status\": \"UP\"");
        });
        // Not enrolled (the stand-in refuses for now): alive, not ready, and it keeps calling out.
        assertThat(http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(30)).until(() -> !redeemed.isEmpty());
        assertThat(redeemed.get(0)).contains("\"imagetest\"");

        // Its state went to the image's volume, written as the image's user.
        Path store = rootfs.resolve("var/lib/twinline-agent/agent.mv.db");
        assertThat(store).exists();
        assertThat(Files.getAttribute(store, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(10001);
        assertThat(log(temp)).doesNotContain(code);
    }

    private static String log(Path temp) throws IOException {
        Path log = temp.resolve("agent.log");
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
