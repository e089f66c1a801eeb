package io.parley.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code io.parley.Main} in its own JVM, as {@code java -jar parley.jar} runs it, with only the
 * given {@code PARLEY_*} variables: for what a person starting the server sees (exit status, the
 * lines on stdout and stderr, how long it took).
 */
public final class MainProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final long started = System.nanoTime();

    private MainProcess(Map<String, String> env, Path logs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Files.createDirectories(logs);
            stdout = Files.createTempFile(logs, "stdout", ".txt");
            stderr = Files.createTempFile(logs, "stderr", ".txt");
            var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.parley.Main")
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a start that ends by itself left behind. */
    public record Ended(int status, String stdout, String stderr, Duration elapsed) {}

    /** Runs Main to its end (a start that fails); {@code logs} must not be the data folder under test. */
    public static Ended run(Map<String, String> env, Path logs) {
        try (MainProcess main = new MainProcess(env, logs)) {
            if (!main.process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("still running after 30 s; stderr: " + main.stderr());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - main.started);
            return new Ended(main.process.exitValue(), main.stdout(), main.stderr(), elapsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts Main and waits until it says it listens; close() stops it. */
    public static MainProcess listening(Map<String, String> env, Path logs) {
        MainProcess main = new MainProcess(env, logs);
        Wait.until(
                "Parley says it listens",
                Duration.ofSeconds(60),
                () -> main.stderr().contains("Parley listens on") || !main.process.isAlive());
        if (!main.process.isAlive()) {
            throw new AssertionError("Parley exited: " + main.stderr());
        }
        return main;
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as Ctrl-C, and waits for the clean stop. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
