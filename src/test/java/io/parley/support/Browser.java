package io.parley.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Headless Chromium running the scenarios of one Node script (src/test/node/browser-*.mjs), one
 * browser for the whole test class. A scenario may stop at a named step for the test to act
 * (stop the server, send a reply); its findings come back as JSON for the test to assert on.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final long STEP_TIMEOUT_MS = 90_000; // longer than a scenario may take (browser-lib.mjs)
    private final NodeScript node;

    /** What the test does when a scenario reaches a step; the returned fields go back to the scenario. */
    @FunctionalInterface
    public interface Steps {
        Map<String, Object> on(String step, JsonNode event) throws Exception;
    }

    private Browser(NodeScript node) {
        this.node = node;
    }

    public static Browser start(String script, Map<String, String> env) throws InterruptedException {
        assertTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": apt-get install chromium (.ci/run does it)");
        var withDefaults = new HashMap<>(env);
        withDefaults.putIfAbsent("SCREENSHOT_DIR", screenshotDir().toString());
        Browser browser = new Browser(NodeScript.start(script, withDefaults));
        JsonNode ready = browser.node.next(STEP_TIMEOUT_MS);
        assertEquals("ready", ready.path("event").asText(), () -> "chromium did not start:\n" + browser.node.output());
        return browser;
    }

    /**
     * Where screenshots go: target/screenshots, or docs/screenshots (the README's pictures) with
     * PARLEY_SCREENSHOT_DIR=docs/screenshots, so that an ordinary test run leaves the tree clean.
     */
    public static Path screenshotDir() {
        Path dir = Path.of(System.getenv().getOrDefault("PARLEY_SCREENSHOT_DIR", "target/screenshots"))
                .toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public JsonNode run(String scenario) throws Exception {
        return run(scenario, (step, event) -> {
            throw new AssertionError("unexpected step " + step);
        });
    }

    public JsonNode run(String scenario, Steps steps) throws Exception {
        return run(scenario, Map.of(), steps);
    }

    /** Runs one scenario in a fresh browser context, with parameters, and returns its findings. */
    public JsonNode run(String scenario, Map<String, Object> parameters, Steps steps) throws Exception {
        var command = new HashMap<String, Object>(parameters);
        command.put("run", scenario);
        node.send(Http.write(command));
        for (; ; ) {
            JsonNode event = node.next(STEP_TIMEOUT_MS);
            switch (event.path("event").asText()) {
                case "step" -> answer(event.get("name").asText(), event, steps);
                case "done" -> {
                    assertEquals(scenario, event.path("scenario").asText());
                    return event;
                }
                case "failed" ->
                    throw new AssertionError("scenario " + scenario + " failed in the browser: "
                            + event.path("error").asText() + "\npage errors: " + event.path("pageErrors")
                            + "\nscreenshot: " + event.path("screenshot").asText() + "\nnode output:\n"
                            + node.output());
                default -> throw new AssertionError("unexpected event " + event + "\n" + node.output());
            }
        }
    }

    /** If the test's part of a step fails, the scenario is told to stop, so the next one starts clean. */
    private void answer(String step, JsonNode event, Steps steps) throws Exception {
        ObjectNode answer;
        try {
            answer = Http.MAPPER.valueToTree(steps.on(step, event));
        } catch (Exception | AssertionError e) {
            node.send(Http.write(Map.of("step", step, "error", "the test failed at this step: " + e)));
            for (String seen = ""; !seen.equals("done") && !seen.equals("failed"); ) {
                seen = node.next(STEP_TIMEOUT_MS).path("event").asText();
            }
            throw e;
        }
        node.send(Http.write(answer.put("step", step)));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            node.finish(10_000);
        } finally {
            node.close();
        }
    }
}
