package io.parley.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The load generator behind {@code ./run.sh bench}: drives the Parley server and the bare-Jetty
 * ceiling that bench.sh started, launches its own short-lived servers for cold start and
 * history, and prints one table. Progress goes to stderr, the table to stdout.
 */
public final class Bench {
    private final Map<String, String> opts;
    private final Table table = new Table();
    private final Clients clients = new Clients();

    private Bench(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(Clients.daemon("heartbeat"));
        beats.scheduleAtFixedRate(Sock::heartbeatAll, 20, 20, TimeUnit.SECONDS);
        new Bench(opts).run();
        System.exit(0);
    }

    private int n(String key) {
        return Integer.parseInt(opts.get(key));
    }

    private void run() throws Exception {
        ServerProcess parleyServer =
                ServerProcess.attach(Long.parseLong(opts.get("parley-pid")), opts.get("parley-url"));
        ServerProcess echoServer = ServerProcess.attach(Long.parseLong(opts.get("echo-pid")), opts.get("echo-url"));
        var parley = new ParleyTarget(parleyServer.baseUrl, opts.get("api-token"), clients);
        var ceiling = new CeilingTarget(echoServer.baseUrl, clients);

        if ("throughput".equals(opts.get("only"))) { // --only throughput: scenario 7 alone, e.g. to profile it
            throughput();
            System.out.print(table.markdown());
            return;
        }
        if (!"cross-nodes".equals(opts.get("only"))) { // --only cross-nodes: scenario 6 alone
            var p = load(parley, parleyServer);
            var c = load(ceiling, echoServer);
            report(p, c);
            coldStartAndHistory();
            throughput();
            System.out.print(table.markdown());
        }
        crossNodes(parley);
    }

    /** Scenario 6, when bench.sh could start PostgreSQL and two nodes on it. */
    private void crossNodes(ParleyTarget h2) throws Exception {
        if (!opts.containsKey("node-a-url")) {
            progress("two nodes on PostgreSQL: skipped (%s)", opts.getOrDefault("no-pg", "no nodes given"));
            return;
        }
        var twoNodes = new TwoNodeTarget(
                new ParleyTarget(opts.get("node-a-url"), opts.get("api-token"), clients),
                new ParleyTarget(opts.get("node-b-url"), opts.get("api-token"), clients));
        int[] rates = Arrays.stream(opts.get("pg-rates").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        Table cross = CrossNodes.run(twoNodes, h2, rates, n("pg-duration"), n("visitors"), n("reply-every"));
        System.out.print("\n" + cross.markdown());
    }

    record Load(
            IdleSockets.Result idle,
            int fds,
            ChatLoad.Result busy,
            int busyIdle,
            ChatLoad.Result chat,
            Fanout.Result fanout) {}

    private Load load(Target target, ServerProcess server) throws Exception {
        progress("%s: opening %d idle visitor sockets", target.name(), n("idle"));
        IdleSockets idle = new IdleSockets();
        IdleSockets.Result held = idle.run(target, n("idle"), 1_000, server);
        int fds = server.openFds();
        progress(
                "%s: per socket RSS %s, live heap %s; RSS at max %s",
                target.name(),
                Table.kib(held.rssBytesPerSocket()),
                Table.kib(held.heapBytesPerSocket()),
                rss(held.atMax()));
        progress(
                "%s: held %d (%d failed%s) in %.1f s; %d fds",
                target.name(),
                held.held(),
                held.failed(),
                held.firstError() == null ? "" : ", first: " + held.firstError(),
                held.openSeconds(),
                fds);
        int busyIdle = Math.min(n("busy-idle"), idle.sockets().size());
        idle.trimTo(busyIdle);
        progress(
                "%s: busy chat, %d msg/s for %d s, %d idle sockets held",
                target.name(), n("busy-rate"), n("busy-duration"), busyIdle);
        ChatLoad.Result busy =
                ChatLoad.run(target, n("visitors"), n("busy-rate"), n("busy-duration"), n("reply-every"));
        progress(
                "%s: busy: %d ok, %d lost, p50 %.2f ms, p99 %.2f ms",
                target.name(),
                busy.ok(),
                busy.lost(),
                busy.toVisitor().millis(0.5),
                busy.toVisitor().millis(0.99));
        idle.trimTo(n("chat-idle"));
        progress(
                "%s: chat load, %d visitors, %d msg/s for %d s, %d idle sockets held",
                target.name(),
                n("visitors"),
                n("rate"),
                n("duration"),
                idle.sockets().size());
        ChatLoad.Result chat = ChatLoad.run(target, n("visitors"), n("rate"), n("duration"), n("reply-every"));
        progress(
                "%s: %d issued, %d ok, %d lost, %d duplicated, %.0f committed/s, p50 %.2f ms, p99 %.2f ms%s",
                target.name(),
                chat.issued(),
                chat.ok(),
                chat.lost(),
                chat.duplicated(),
                chat.committedPerSecond(),
                chat.toVisitor().millis(0.5),
                chat.toVisitor().millis(0.99),
                chat.firstError() == null ? "" : "; first error: " + chat.firstError());
        progress("%s: fan-out to %d tabs", target.name(), n("tabs"));
        Fanout.Result fanout = Fanout.run(target, n("tabs"), n("fanout-messages"));
        idle.trimTo(0);
        Thread.sleep(1_000);
        return new Load(held, fds, busy, busyIdle, chat, fanout);
    }

    private void report(Load p, Load c) {
        String idleTarget = "≥ 19,000 held, ≤ 16 KiB/conn";
        table.row(
                "1 idle visitors",
                "sockets held (of " + p.idle().attempted() + " tried)",
                String.valueOf(p.idle().held()),
                String.valueOf(c.idle().held()),
                "≥ 19,000");
        table.row(
                "1 idle visitors",
                "time to open all",
                Table.num(p.idle().openSeconds(), " s"),
                Table.num(c.idle().openSeconds(), " s"),
                Targets.atMostTimes(p.idle().openSeconds(), c.idle().openSeconds(), 1.5));
        table.row(
                "1 idle visitors",
                "server RSS growth per socket (1,000 → max)",
                Table.kib(p.idle().rssBytesPerSocket()),
                Table.kib(c.idle().rssBytesPerSocket()),
                Targets.atMostPlus(p.idle().rssBytesPerSocket(), c.idle().rssBytesPerSocket(), 2048, "2 KiB"));
        table.row(
                "1 idle visitors",
                "live heap growth per socket (after full GC)",
                Table.kib(p.idle().heapBytesPerSocket()),
                Table.kib(c.idle().heapBytesPerSocket()),
                "");
        table.row(
                "1 idle visitors",
                "server RSS at max",
                rss(p.idle().atMax()),
                rss(c.idle().atMax()),
                "");
        ChatLoad.Result pc = p.chat();
        ChatLoad.Result cc = c.chat();
        String load = "2 chat load";
        table.row(
                load,
                "committed msgs/s (offered " + n("rate") + " visitor"
                        + (pc.operatorReplies() ? " + " + n("rate") / n("reply-every") + " operator" : "") + ")",
                Table.num(pc.committedPerSecond(), ""),
                Table.num(cc.committedPerSecond(), ""),
                "");
        table.row(
                load,
                "send → visitor socket p50",
                Table.ms(pc.toVisitor().millis(0.5)),
                Table.ms(cc.toVisitor().millis(0.5)),
                Targets.atMostTimes(pc.toVisitor().millis(0.5), cc.toVisitor().millis(0.5), 2));
        table.row(
                load,
                "send → visitor socket p99",
                Table.ms(pc.toVisitor().millis(0.99)),
                Table.ms(cc.toVisitor().millis(0.99)),
                Targets.atMostTimes(pc.toVisitor().millis(0.99), cc.toVisitor().millis(0.99), 3));
        table.row(
                load,
                "send → visitor socket p99.9",
                Table.ms(pc.toVisitor().millis(0.999)),
                Table.ms(cc.toVisitor().millis(0.999)),
                "");
        table.row(
                load,
                "send → visitor socket max",
                Table.ms(pc.toVisitor().maxMillis()),
                Table.ms(cc.toVisitor().maxMillis()),
                "");
        table.row(
                load,
                "send → operator socket p50 / p99",
                Table.ms(pc.toOperator().millis(0.5)) + " / "
                        + Table.ms(pc.toOperator().millis(0.99)),
                "");
        table.row(load, "messages ok / failed", pc.ok() + " / " + pc.failed(), cc.ok() + " / " + cc.failed(), "");
        table.row(
                load,
                "lost / duplicated (visitor + operator sockets)",
                pc.lost() + " / " + pc.duplicated(),
                cc.lost() + " / " + cc.duplicated(),
                "0 / 0");
        table.row(
                load,
                "operator replies via /messages.send",
                pc.operatorReplies() ? "yes, 1 per " + n("reply-every") : "no: it answered " + pc.replyProbeStatus(),
                "");
        table.row(load, "first failure", String.valueOf(pc.firstError()), String.valueOf(cc.firstError()), "");
        ChatLoad.Result pb = p.busy();
        ChatLoad.Result cb = c.busy();
        String busy = "2b busy, " + String.format("%,d", p.busyIdle()) + " idle sockets";
        table.row(
                busy,
                "committed msgs/s (offered " + n("busy-rate") + " visitor + " + n("busy-rate") / n("reply-every")
                        + " operator)",
                Table.num(pb.committedPerSecond(), ""),
                Table.num(cb.committedPerSecond(), ""),
                "");
        table.row(
                busy,
                "send → visitor socket p50",
                Table.ms(pb.toVisitor().millis(0.5)),
                Table.ms(cb.toVisitor().millis(0.5)),
                "");
        table.row(
                busy,
                "send → visitor socket p99",
                Table.ms(pb.toVisitor().millis(0.99)),
                Table.ms(cb.toVisitor().millis(0.99)),
                Targets.atMost(pb.toVisitor().millis(0.99), 50, "50 ms"));
        table.row(
                busy,
                "send → visitor socket max",
                Table.ms(pb.toVisitor().maxMillis()),
                Table.ms(cb.toVisitor().maxMillis()),
                "");
        table.row(
                busy,
                "messages ok / failed; lost / duplicated",
                pb.ok() + " / " + pb.failed() + "; " + pb.lost() + " / " + pb.duplicated(),
                cb.ok() + " / " + cb.failed() + "; " + cb.lost() + " / " + cb.duplicated(),
                "nothing lost");
        Fanout.Result pf = p.fanout();
        Fanout.Result cf = c.fanout();
        String fan = "3 fan-out, " + pf.tabs() + " tabs";
        table.row(
                fan,
                "send → last tab p50",
                Table.ms(pf.toAll().millis(0.5)),
                Table.ms(cf.toAll().millis(0.5)),
                "");
        table.row(
                fan,
                "send → last tab max",
                Table.ms(pf.toAll().maxMillis()),
                Table.ms(cf.toAll().maxMillis()),
                "");
        table.row(
                fan,
                "send → first tab p50",
                Table.ms(pf.toFirst().millis(0.5)),
                Table.ms(cf.toFirst().millis(0.5)),
                "");
        table.row(
                fan,
                "lost / duplicated deliveries",
                pf.lost() + " / " + pf.duplicated(),
                cf.lost() + " / " + cf.duplicated(),
                "0 / 0");
    }

    private static String rss(IdleSockets.Memory memory) {
        return memory == null ? "n/a" : Table.num(memory.rssKb() / 1024.0, " MB");
    }

    private void coldStartAndHistory() throws Exception {
        Path work = Path.of(opts.get("work-dir"));
        List<String> flags = Arrays.asList(opts.get("server-flags").trim().split("\\s+"));
        String jar = opts.get("jar");
        double[] empty = new double[3];
        long emptyRss = 0;
        Path dataDir = null;
        for (int i = 0; i < empty.length; i++) {
            dataDir = Files.createDirectories(work.resolve("cold-" + i));
            try (ServerProcess server =
                    ServerProcess.launch(jar, flags, dataDir, freePort(), "bench-token", work.resolve("cold.log"))) {
                empty[i] = server.waitHealthy(Duration.ofSeconds(60)).toNanos() / 1e6;
                Thread.sleep(2_000);
                emptyRss = server.rssKb();
            }
        }
        Arrays.sort(empty);
        progress("cold start, empty database: %.0f ms (median of 3); filling %d messages", empty[1], n("big-db"));
        BigDb.Filled filled = BigDb.fill(dataDir, n("big-db"), n("conversations"), 1_000);
        progress("filled in %.1f s; starting on it", filled.seconds());
        try (ServerProcess server =
                ServerProcess.launch(jar, flags, dataDir, freePort(), "bench-token", work.resolve("cold.log"))) {
            double big = server.waitHealthy(Duration.ofSeconds(120)).toNanos() / 1e6;
            Thread.sleep(2_000);
            long bigRss = server.rssKb();
            table.row(
                    "4 cold start",
                    "java -jar → /health 200, empty DB (median of 3)",
                    Table.ms(empty[1]),
                    Targets.atMost(empty[1], 500, "500 ms"));
            table.row(
                    "4 cold start",
                    "java -jar → /health 200, " + String.format("%,d", n("big-db") + 1_000) + "-message DB",
                    Table.ms(big),
                    "");
            table.row(
                    "4 cold start",
                    "idle RSS 2 s after start, empty / big DB",
                    Table.num(emptyRss / 1024.0, " MB") + " / " + Table.num(bigRss / 1024.0, " MB"),
                    Targets.atMost(emptyRss / 1024.0, 120, "120 MB"));
            progress("history calls");
            History.Result history = History.run(
                    clients,
                    server.baseUrl,
                    "bench-token",
                    filled.channelId(),
                    filled.historyConversationId(),
                    n("history-calls"));
            String resume = "5 history";
            table.row(
                    resume,
                    "resume (authenticate, " + history.resumeMessages() + " messages) p50 / p99",
                    Table.ms(history.resume().millis(0.5)) + " / "
                            + Table.ms(history.resume().millis(0.99)),
                    "p99 ≤ 20 ms");
            table.row(
                    resume,
                    "/conversations.list of " + String.format("%,d", n("conversations") + 1) + " p50 / p99",
                    history.listNote() != null
                            ? "n/a: " + history.listNote()
                            : Table.ms(history.list().millis(0.5)) + " / "
                                    + Table.ms(history.list().millis(0.99)),
                    "p99 ≤ 20 ms");
        }
    }

    /**
     * Scenario 7 on a fresh server pinned to core 0, the generator moved to the other cores for
     * its length (taskset, when the machine has two cores or more and the tool is there).
     */
    private void throughput() throws Exception {
        Path work = Path.of(opts.get("work-dir"));
        List<String> flags = Arrays.asList(opts.get("server-flags").trim().split("\\s+"));
        int cores = Runtime.getRuntime().availableProcessors();
        boolean pin = cores >= 2 && Pinning.available();
        String others = "1-" + (cores - 1);
        Path dataDir = Files.createDirectories(work.resolve("throughput"));
        try (ServerProcess server = ServerProcess.launch(
                pin ? List.of("taskset", "-c", "0") : List.of(),
                opts.get("jar"),
                flags,
                dataDir,
                freePort(),
                "bench-token",
                work.resolve("throughput.log"))) {
            server.waitHealthy(Duration.ofSeconds(60));
            progress(
                    "committed-messages ceiling: %d senders, closed loop, %d s (%s)",
                    n("throughput-senders"),
                    n("throughput-seconds"),
                    pin ? "server on core 0, generator on " + others : "not pinned");
            if (pin) {
                Pinning.self(others);
            }
            Throughput.Result r;
            try {
                r = Throughput.run(
                        clients, server.baseUrl, "bench-token", n("throughput-senders"), n("throughput-seconds"));
            } finally {
                if (pin) {
                    Pinning.self("0-" + (cores - 1));
                }
            }
            String scenario = "7 committed ceiling" + (pin ? ", server on 1 core" : ", not pinned");
            table.row(
                    scenario,
                    "committed msgs/s (" + r.senders() + " visitors, closed loop, " + Table.num(r.seconds(), " s")
                            + ")",
                    Table.num(r.committedPerSecond(), ""),
                    "printed");
            table.row(
                    scenario,
                    "database time per message, CPU / wall clock (inside the commit transactions ÷ messages)",
                    Table.num(r.dbCpuMicrosPerMessage(), " µs") + " / " + Table.num(r.dbMicrosPerMessage(), " µs"),
                    "printed");
            table.row(scenario, "messages per commit", Table.num(r.messagesPerCommit(), ""), "");
            table.row(
                    scenario,
                    "share of wall-clock time inside commits; messages failed",
                    Table.num(100 * r.dbShareOfWallClock(), " %") + "; " + r.failed()
                            + (r.firstError() == null ? "" : " (first: " + r.firstError() + ")"),
                    "");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void progress(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>(Map.of(
                "idle",
                "19000",
                "chat-idle",
                "1000",
                "visitors",
                "100",
                "rate",
                "200",
                "reply-every",
                "4",
                "duration",
                "15",
                "tabs",
                "1000",
                "fanout-messages",
                "20",
                "big-db",
                "1000000",
                "conversations",
                "100000"));
        opts.put("history-calls", "200");
        opts.put("busy-rate", "1000");
        opts.put("busy-idle", "10000");
        opts.put("busy-duration", "15");
        opts.put("throughput-senders", "64");
        opts.put("throughput-seconds", "15");
        opts.put("pg-rates", "500,2000");
        opts.put("pg-duration", "10");
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }
}
