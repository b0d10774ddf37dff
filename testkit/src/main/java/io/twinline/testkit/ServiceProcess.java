package io.twinline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Twinline service (a Quarkus {@code quarkus-run.jar}) running as its own process, so tests can drive it
 * only over HTTP and can kill and restart it.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code jar} with the given system properties, waits until {@code /q/health/ready} on {@code port} answers
     * 200, and returns it. Output goes to {@code log}.
     */
    public static ServiceProcess start(String name, Path jar, Map<String, String> properties, int port, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar.toAbsolutePath()
                    + " is missing (run the whole reactor, e.g. ./mvnw verify, so it is built first)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            ServiceProcess service = new ServiceProcess(name, process, log, port);
            // Never outlive the test JVM, whatever way it ends.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            try {
                service.awaitReady(Duration.ofSeconds(90));
            } catch (RuntimeException e) {
                service.kill();
                throw e;
            }
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until the health endpoint answers 200 (or the process dies, which fails with the end of its log). */
    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + logTail());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last lines the process printed, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits for the process to end by itself; its exit code, or -1 if it still runs after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Ends the process at once, as a crash or {@code kill -9} would. */
    public void kill() {
        process.destroyForcibly();
        waitFor(10);
    }

    @Override
    public void close() {
        process.destroy();
        if (!waitFor(20)) {
            process.destroyForcibly();
            waitFor(10);
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
