package io.parley.bench;

import java.io.IOException;
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

/** A server JVM the bench measures: its pid for /proc and jcmd, its URL for /health. */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HEALTH = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            .build();
    final long pid;
    final String baseUrl;
    private final ProcessHandle handle;
    private final long launchedNanos;

    private ServerProcess(ProcessHandle handle, String baseUrl, long launchedNanos) {
        this.handle = handle;
        this.pid = handle.pid();
        this.baseUrl = baseUrl;
        this.launchedNanos = launchedNanos;
    }

    static ServerProcess attach(long pid, String baseUrl) {
        return new ServerProcess(ProcessHandle.of(pid).orElseThrow(), baseUrl, System.nanoTime());
    }

    /** {@code java <flags> -jar jar} with the PARLEY_* environment; output goes to {@code log}. */
    static ServerProcess launch(String jar, List<String> flags, Path dataDir, int port, String apiToken, Path log)
            throws IOException {
        return launch(List.of(), jar, flags, dataDir, port, apiToken, log);
    }

    /** The same, started through {@code prefix} (e.g. {@code taskset -c 0}). */
    static ServerProcess launch(
            List<String> prefix, String jar, List<String> flags, Path dataDir, int port, String apiToken, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment()
                .putAll(Map.of(
                        "PARLEY_DATA_DIR",
                        dataDir.toString(),
                        "PARLEY_PORT",
                        String.valueOf(port),
                        "PARLEY_API_TOKEN",
                        apiToken));
        long start = System.nanoTime();
        Process process = builder.start();
        return new ServerProcess(process.toHandle(), "http://127.0.0.1:" + port, start);
    }

    /** Polls /health every 5 ms; returns the time from launch to the first 200. */
    Duration waitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!handle.isAlive()) {
                throw new IllegalStateException("server " + pid + " exited before /health answered");
            }
            try {
                if (HEALTH.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no /health 200 from " + baseUrl + " within " + timeout);
    }

    long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    int openFds() {
        String[] fds = Path.of("/proc", String.valueOf(pid), "fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }

    /** Live heap bytes: GC.class_histogram runs a full GC first and totals what survives. */
    long liveHeapBytes() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
            if (line.startsWith("Total")) {
                String[] parts = line.trim().split("\\s+");
                return Long.parseLong(parts[2]);
            }
        }
        throw new IllegalStateException(
                "jcmd gave no histogram: " + out.lines().limit(3).toList());
    }

    /** SIGTERM (Parley closes its database in a shutdown hook), then SIGKILL after 20 s. */
    @Override
    public void close() {
        handle.destroy();
        try {
            handle.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }
}
