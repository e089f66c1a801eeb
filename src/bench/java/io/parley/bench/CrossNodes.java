package io.parley.bench;

/**
 * Scenario 6: two nodes on one PostgreSQL database (default settings, fsync on). Visitors send on
 * node A and listen on node B, so every delivery crosses nodes; the same load then runs on the
 * single H2 node for comparison. Printed as a table of its own.
 */
final class CrossNodes {
    private CrossNodes() {}

    static Table run(TwoNodeTarget twoNodes, ParleyTarget h2, int[] rates, int seconds, int visitors, int replyEvery)
            throws Exception {
        Table table = new Table("2 nodes, PostgreSQL", "1 node, H2");
        for (int rate : rates) {
            Bench.progress("two nodes on PostgreSQL: %d msg/s for %d s, send on A, sockets on B", rate, seconds);
            ChatLoad.Result pg = ChatLoad.run(twoNodes, visitors, rate, seconds, replyEvery);
            Bench.progress("one node on H2: %d msg/s for %d s", rate, seconds);
            ChatLoad.Result one = ChatLoad.run(h2, visitors, rate, seconds, replyEvery);
            String scenario = "6 across nodes, " + rate + " msg/s";
            table.row(
                    scenario,
                    "committed msgs/s (offered " + rate + " visitor"
                            + (pg.operatorReplies() ? " + " + rate / replyEvery + " operator" : "") + ")",
                    Table.num(pg.committedPerSecond(), ""),
                    Table.num(one.committedPerSecond(), ""),
                    "");
            table.row(
                    scenario,
                    "send → 200 (the commit) p50 / p99",
                    Table.ms(pg.toAck().millis(0.5)) + " / "
                            + Table.ms(pg.toAck().millis(0.99)),
                    Table.ms(one.toAck().millis(0.5)) + " / "
                            + Table.ms(one.toAck().millis(0.99)),
                    "");
            table.row(
                    scenario,
                    "send (A) → visitor socket (B) p50",
                    Table.ms(pg.toVisitor().millis(0.5)),
                    Table.ms(one.toVisitor().millis(0.5)),
                    "");
            table.row(
                    scenario,
                    "send (A) → visitor socket (B) p99",
                    Table.ms(pg.toVisitor().millis(0.99)),
                    Table.ms(one.toVisitor().millis(0.99)),
                    rate <= 500 ? "≤ 100 ms" : "");
            table.row(
                    scenario,
                    "send (A) → operator socket (B) p99",
                    Table.ms(pg.toOperator().millis(0.99)),
                    Table.ms(one.toOperator().millis(0.99)),
                    "");
            table.row(
                    scenario,
                    "messages ok / failed",
                    pg.ok() + " / " + pg.failed(),
                    one.ok() + " / " + one.failed(),
                    "");
            table.row(
                    scenario,
                    "lost / duplicated (visitor + operator sockets)",
                    pg.lost() + " / " + pg.duplicated(),
                    one.lost() + " / " + one.duplicated(),
                    "0 / 0");
            if (pg.firstError() != null) {
                table.row(scenario, "first failure (2 nodes)", pg.firstError(), "");
            }
        }
        return table;
    }
}
