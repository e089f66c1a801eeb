package io.parley.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fills a stopped server's H2 file with {@code messages} messages spread over
 * {@code conversations} conversations, plus one conversation of {@code historyLength} messages,
 * in bulk INSERT ... SELECT statements (H2-specific, bench only).
 */
final class BigDb {
    private static final int CHUNK = 200_000;

    record Filled(String channelId, String historyConversationId, double seconds) {}

    static Filled fill(Path dataDir, int messages, int conversations, int historyLength) throws Exception {
        long start = System.nanoTime();
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection db = DriverManager.getConnection(url);
                Statement sql = db.createStatement()) {
            String channel = single(sql, "SELECT id FROM channels WHERE connected ORDER BY created_at_ms LIMIT 1");
            long now = System.currentTimeMillis() - 86_400_000L;
            sql.execute("INSERT INTO conversations (id, channel_id, contact_id, created_at_ms, last_message_seq,"
                    + " unread_message_count) SELECT " + uuidOf("X") + ", '" + channel + "', RANDOM_UUID(), " + now
                    + ", 0, 0 FROM SYSTEM_RANGE(1, " + conversations + ")");
            for (int from = 1; from <= messages; from += CHUNK) {
                int to = Math.min(messages, from + CHUNK - 1);
                sql.execute("INSERT INTO messages (id, conversation_id, from_contact, sender_id, content, state,"
                        + " sent_at_ms) SELECT RANDOM_UUID(), " + uuidOf("MOD(X, " + conversations + ") + 1")
                        + ", MOD(X, 2) = 0, 'bench', 'bulk message number ' || X, 'DELIVERED', " + now + " + X"
                        + " FROM SYSTEM_RANGE(" + from + ", " + to + ")");
            }
            String history = UUID.randomUUID().toString();
            sql.execute("INSERT INTO conversations (id, channel_id, contact_id, created_at_ms, last_message_seq,"
                    + " unread_message_count) VALUES ('" + history + "', '" + channel + "', RANDOM_UUID(), " + now
                    + ", 0, 0)");
            sql.execute(
                    "INSERT INTO messages (id, conversation_id, from_contact, sender_id, content, state, sent_at_ms)"
                            + " SELECT RANDOM_UUID(), '" + history
                            + "', MOD(X, 2) = 0, 'bench', 'history message ' || X,"
                            + " 'DELIVERED', " + now + " + X FROM SYSTEM_RANGE(1, " + historyLength + ")");
            sql.execute("UPDATE conversations c SET last_message_seq = COALESCE("
                    + "(SELECT MAX(m.seq) FROM messages m WHERE m.conversation_id = c.id), 0)");
            sql.execute("CHECKPOINT SYNC");
            return new Filled(channel, history, (System.nanoTime() - start) / 1e9);
        }
    }

    /** A deterministic UUID per conversation number, so messages can point at it without a join. */
    private static String uuidOf(String numberExpression) {
        return "CAST('00000000-0000-4000-8000-' || LPAD(CAST(" + numberExpression + " AS VARCHAR), 12, '0') AS UUID)";
    }

    private static String single(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            if (!rows.next()) {
                throw new IllegalStateException("nothing for " + query);
            }
            return rows.getString(1);
        }
    }
}
