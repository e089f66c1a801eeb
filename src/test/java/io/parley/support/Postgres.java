package io.parley.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for the tests: Debian's binaries, a temp folder, a free port,
 * started once per test JVM on first use and stopped by a shutdown hook. {@code fsync=off}: a
 * test database never outlives the machine's page cache. Commits stay synchronous, so a server
 * killed by a test ({@link #stopServer()}) keeps every commit it acknowledged. Each caller of
 * {@link #freshDatabase()} gets a database of its own. The server refuses to run as root, so as
 * root every server binary runs as the {@code postgres} user, which owns the temp folder.
 */
public final class Postgres implements AutoCloseable {
    private static final String USER = "parley";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Postgres shared;

    private final Path dir;
    private final Path bin;
    private int port;

    private Postgres(Path dir, Path bin) {
        this.dir = dir;
        this.bin = bin;
    }

    /** The one cluster of this JVM, started on first use. */
    public static synchronized Postgres shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
        }
        return shared;
    }

    /**
     * A cluster of the caller's own, for a test that stops and starts the server; {@link #close()}
     * removes it.
     */
    public static Postgres dedicated() {
        return start();
    }

    /** Stops the server as an operator or a crash would ({@code immediate}); the data stays. */
    public void stopServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
    }

    /** Starts the server again on the same port and data. */
    public void startServer() {
        run(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data().toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-o",
                serverOptions(),
                "-w",
                "-t",
                "60",
                "start"));
    }

    /** A dedicated cluster's end: stopped and deleted. */
    @Override
    public void close() {
        stop();
    }

    /** A new, empty database on the shared cluster, as a JDBC URL. */
    public String freshDatabase() {
        String name = "parley_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on PostgreSQL: " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    private static Postgres start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("parley-pg");
            if (isRoot()) {
                UserPrincipal postgres =
                        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            Postgres cluster = new Postgres(dir, bin);
            cluster.initdb();
            cluster.startOnAFreePort();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparing(
                                v -> Integer.parseInt(v.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(
                "PostgreSQL binaries not found in /usr/lib/postgresql/*/bin: install Debian's postgresql package: .ci/run does");
    }

    private void initdb() {
        run(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data().toString(),
                "-U",
                USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync"));
    }

    /** A port found free may be taken by someone else before the server binds it: then try another. */
    private void startOnAFreePort() throws IOException {
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            try {
                startServer();
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private String serverOptions() {
        return String.join(
                " ",
                "-p " + port,
                "-k " + dir,
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c full_page_writes=off",
                "-c max_connections=300",
                "-c shared_buffers=32MB");
    }

    private void stop() {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                stopServer();
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** Runs a server binary, as the postgres user when we are root; fails with its output. */
    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(
                        "PostgreSQL test cluster: " + String.join(" ", command) + " failed:\n" + output + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String serverLog() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
