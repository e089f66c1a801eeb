package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.channel.Channel;
import io.parley.channel.ChannelDao;
import io.parley.channel.ContentFormat;
import io.parley.channel.Widget;
import io.parley.db.Database;
import io.parley.db.GroupCommit.Outcome;
import io.parley.support.Postgres;
import io.parley.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message writer's side of client_message_id on the migrated schema, where the HTTP tests
 * cannot reach: duplicates inside one batch, and ids that have aged past 24 hours.
 */
class ClientIdWriterTest {
    private static final long HOUR = 60 * 60 * 1000L;
    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;

    private Database database;
    private Jdbi jdbi;
    private final UUID channelId = UUID.randomUUID();
    private final UUID conversationId = UUID.randomUUID();
    private final UUID contactId = UUID.randomUUID();
    private final MessageWriter writer = new MessageWriter((tx, stored) -> {}, TestServer.usesPostgres());

    @BeforeEach
    void migrate() {
        database = Database.connect(
                TestServer.usesPostgres()
                        ? Postgres.shared().freshDatabase()
                        : "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0");
        database.migrate(() -> {});
        jdbi = database.jdbi();
        jdbi.useExtension(
                ChannelDao.class,
                dao -> dao.insert(new Channel(
                        channelId,
                        "Site",
                        "site",
                        null,
                        List.of(),
                        true,
                        null,
                        false,
                        Widget.DEFAULT,
                        ContentFormat.TEXT,
                        T0,
                        false)));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private MessageWriter.Append append(String text, String clientId, long sentAt) {
        return append(text, clientId, sentAt, null);
    }

    private MessageWriter.Append append(String text, String clientId, long sentAt, String welcome) {
        return new MessageWriter.Append(
                channelId,
                contactId,
                new Message(
                        0,
                        UUID.randomUUID(),
                        conversationId,
                        true,
                        contactId.toString(),
                        text,
                        Message.DELIVERED,
                        sentAt,
                        SenderType.CONTACT,
                        null,
                        List.of(),
                        null,
                        clientId),
                welcome);
    }

    private List<MessageWriter.Written> write(MessageWriter.Append... batch) {
        return jdbi.inTransaction(tx -> writer.write(tx, List.of(batch))).stream()
                .map(Outcome::value)
                .toList();
    }

    private List<Message> stored() {
        return jdbi.onDemand(MessageDao.class).history(conversationId);
    }

    @Test
    void a_duplicate_inside_one_batch_is_the_first_message_and_its_neighbours_are_stored() {
        List<MessageWriter.Written> written =
                write(append("one", "k1", T0), append("two", null, T0), append("again", "k1", T0));
        assertFalse(written.get(0).duplicate());
        assertFalse(written.get(1).duplicate());
        assertTrue(written.get(2).duplicate());
        assertEquals(written.get(0).message().id(), written.get(2).message().id());
        assertEquals(
                List.of("one", "two"), stored().stream().map(Message::content).toList());
    }

    @Test
    void a_duplicate_of_a_committed_message_within_24_hours_stores_nothing() {
        UUID first = write(append("one", "k2", T0)).get(0).message().id();
        MessageWriter.Written again =
                write(append("again", "k2", T0 + 23 * HOUR)).get(0);
        assertTrue(again.duplicate());
        assertEquals(first, again.message().id());
        assertEquals("one", again.message().content());
        assertEquals(1, stored().size());
    }

    @Test
    void an_id_older_than_24_hours_may_be_used_again() {
        UUID first = write(append("one", "k3", T0)).get(0).message().id();
        MessageWriter.Written later =
                write(append("a day later", "k3", T0 + 25 * HOUR)).get(0);
        assertFalse(later.duplicate());
        assertNotEquals(first, later.message().id());
        List<Message> messages = stored();
        assertEquals(2, messages.size());
        assertNull(messages.get(0).clientMessageId(), "the old message let go of the id");
        assertEquals("k3", messages.get(1).clientMessageId());
    }

    @Test
    void the_welcome_is_stored_once_before_the_first_message_of_a_new_conversation_only() {
        List<MessageWriter.Written> written = write(
                append("one", "k4", T0, "Welcome!"),
                append("two", null, T0, "Welcome!"),
                append("again", "k4", T0, "Welcome!"));
        Message welcome = written.get(0).welcome();
        assertEquals("Welcome!", welcome.content());
        assertEquals(T0 - 1, welcome.sentAtMs());
        assertEquals(SenderType.OPERATOR, welcome.senderType());
        assertFalse(welcome.fromContact());
        assertNull(written.get(1).welcome());
        assertNull(written.get(2).welcome());
        assertEquals("one", written.get(0).message().content());
        assertEquals("two", written.get(1).message().content());
        assertTrue(written.get(2).duplicate());

        assertNull(write(append("later", null, T0 + 1, "Welcome!")).get(0).welcome());
        assertEquals(
                List.of("Welcome!", "one", "two", "later"),
                stored().stream().map(Message::content).toList());
        assertTrue(stored().get(0).seq() < stored().get(1).seq());
    }
}
