package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of src/main/java, read from the source text:
 * <ul>
 *   <li>infrastructure ({@link #INFRASTRUCTURE}) knows nothing of the product: it never refers to a
 *       feature package or to the wiring in {@code io.parley} itself;
 *   <li>features ({@link #FEATURES}) use infrastructure and reach each other only one way: no
 *       package cycle, anywhere;
 *   <li>only the wiring ({@code io.parley}: Main, App, Config, Parley, Services) sees everything,
 *       and nothing refers back to it.
 * </ul>
 * A new package must be added to one of the two lists, which is the moment to decide which it is.
 */
class LayeringTest {
    static final Set<String> INFRASTRUCTURE =
            Set.of("config", "crypto", "db", "errors", "fanout", "json", "metrics", "stomp", "web");
    static final Set<String> FEATURES = Set.of(
            "abuse",
            "auth",
            "canned",
            "channel",
            "chatplugin",
            "contact",
            "conversation",
            "email",
            "media",
            "operator",
            "page",
            "privacy",
            "webhook");
    static final String WIRING = "(io.parley)";

    private static final Path SOURCES = Path.of("src/main/java/io/parley");
    /** A use of another package, by import or by qualified name: io.parley.channel.Channel, io.parley.Config. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.parley\\.(?:([a-z][a-z0-9]*)\\.|([A-Z]))");

    /** Comments and literals, matched from left to right so that "/*" in a string or a quote in a comment do no harm. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "\"\"\".*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'|/\\*.*?\\*/|//[^\\n]*",
            Pattern.DOTALL);

    @Test
    void every_package_is_either_infrastructure_or_a_feature() {
        Set<String> unclassified = new TreeSet<>(dependencies(SOURCES).keySet());
        unclassified.removeAll(INFRASTRUCTURE);
        unclassified.removeAll(FEATURES);
        unclassified.remove(WIRING);
        assertEquals(Set.of(), unclassified, "add each new package to INFRASTRUCTURE or FEATURES");
    }

    @Test
    void infrastructure_never_refers_to_a_feature_or_to_the_wiring() {
        List<String> violations = new ArrayList<>();
        dependencies(SOURCES)
                .forEach((from, targets) -> targets.forEach(to -> {
                    boolean upwards = INFRASTRUCTURE.contains(from) && (FEATURES.contains(to) || to.equals(WIRING));
                    boolean intoWiring = !from.equals(WIRING) && to.equals(WIRING);
                    if (upwards || intoWiring) {
                        violations.add(from + " -> " + to);
                    }
                }));
        assertEquals(List.of(), violations);
    }

    @Test
    void packages_have_no_cycles() {
        List<String> cycle = findCycle(dependencies(SOURCES));
        assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle));
    }

    /** Package (first folder under io/parley, or the wiring) to the packages its code refers to. */
    static Map<String, Set<String>> dependencies(Path root) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Path relative = root.relativize(file);
                String from = relative.getNameCount() == 1
                        ? WIRING
                        : relative.getName(0).toString();
                Set<String> targets = graph.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(NOT_CODE.matcher(read(file)).replaceAll(" "));
                while (m.find()) {
                    String to = m.group(1) != null ? m.group(1) : WIRING;
                    if (!to.equals(from)) {
                        targets.add(to);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** One cycle as a path that ends where it starts, or empty. */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            List<String> cycle = walk(graph, start, new ArrayDeque<>(), done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> walk(
            Map<String, Set<String>> graph, String node, Deque<String> path, Set<String> done) {
        if (path.contains(node)) {
            List<String> cycle = new ArrayList<>(path);
            java.util.Collections.reverse(cycle);
            cycle = new ArrayList<>(cycle.subList(cycle.indexOf(node), cycle.size()));
            cycle.add(node);
            return cycle;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.push(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = walk(graph, next, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.pop();
        done.add(node);
        return List.of();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
