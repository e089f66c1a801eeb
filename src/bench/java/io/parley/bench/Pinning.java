package io.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Moves the generator's threads between cores with util-linux's {@code taskset}. */
final class Pinning {
    private Pinning() {}

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "taskset"))) {
                return true;
            }
        }
        return false;
    }

    /** Every thread of this JVM (taskset -a) onto {@code cpus}, e.g. "1-3"; threads started later inherit it. */
    static void self(String cpus) throws Exception {
        Process process = new ProcessBuilder(
                        "taskset",
                        "-a",
                        "-p",
                        "-c",
                        cpus,
                        String.valueOf(ProcessHandle.current().pid()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("taskset could not move the generator to cores " + cpus);
        }
    }
}
