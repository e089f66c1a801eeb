package io.parley.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Runs a Node script from src/test/node and reads the JSON lines it prints. */
public final class NodeScript implements AutoCloseable {
    public static final Path DIR = Path.of("src/test/node");
    private final Process process;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final StringBuilder output = new StringBuilder();

    private NodeScript(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static NodeScript start(String script, Map<String, String> env) {
        assertTrue(
                Files.isDirectory(DIR.resolve("node_modules")),
                "run 'npm ci' in src/test/node first (./run.sh test and .ci/run do it)");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder("node", script).directory(DIR.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            return new NodeScript(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                if (line.startsWith("{")) {
                    events.add(Http.MAPPER.readTree(line));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** The next JSON event, or an AssertionError with everything the script printed. */
    public JsonNode next(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            JsonNode event = events.poll(200, TimeUnit.MILLISECONDS);
            if (event != null) {
                return event;
            }
            if (!process.isAlive() && events.isEmpty()) {
                JsonNode late = events.poll(500, TimeUnit.MILLISECONDS); // the reader may still be draining
                if (late != null) {
                    return late;
                }
                throw new AssertionError(
                        "node exited (" + process.exitValue() + ") without the expected event; output:\n" + output());
            }
        }
        throw new AssertionError("no event from node within " + timeoutMillis + " ms; output:\n" + output());
    }

    public int waitFor(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("node did not finish; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Writes one line to the script's standard input. */
    public void send(String line) {
        try {
            var stdin = process.getOutputStream();
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("node has gone; output:\n" + output(), e);
        }
    }

    /** Closes the script's standard input (its cue to finish) and waits a while for it to exit. */
    public boolean finish(long timeoutMillis) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        return process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Kills the script and whatever it started (a browser), which would otherwise outlive it. */
    @Override
    public void close() {
        var children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
