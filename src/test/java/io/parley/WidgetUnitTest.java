package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The widget's own unit tests (src/test/js, Node's test runner), so that mvn test runs them too. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WidgetUnitTest {

    @Test
    void the_widgets_node_unit_tests_pass() throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "--test", "src/test/js/")
                .redirectErrorStream(true)
                .start();
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node --test did not finish:\n" + output);
        assertEquals(0, node.exitValue(), () -> "node --test src/test/js/ failed:\n" + output);
        assertTrue(output.lines().anyMatch(line -> line.matches("# pass [1-9]\\d*")), () -> "no test ran:\n" + output);
    }
}
