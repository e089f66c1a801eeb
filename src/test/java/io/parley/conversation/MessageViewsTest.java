package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.channel.ContentFormat;
import io.parley.json.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What each format makes of a message with a file, which the HTTP tests can only send once the
 * media feature resolves uploads: Airy's {@code content.attachment}, and the file name as text.
 */
class MessageViewsTest {
    private final MessageViews views = new MessageViews(SenderDirectory.systemOnly());

    private static Message withFile(String text) {
        var file = new Attachment(
                Attachment.IMAGE,
                new Attachment.Payload("https://chat.example/media/abc", "cat.png", 1234L, "image/png"));
        return new Message(
                1,
                UUID.randomUUID(),
                UUID.randomUUID(),
                false,
                "operator",
                text,
                Message.DELIVERED,
                0,
                SenderType.OPERATOR,
                file,
                List.of(new QuickReply("Nice", "NICE")),
                null,
                null);
    }

    private static JsonNode json(Object view) throws Exception {
        return Json.MAPPER.readTree(Json.write(view));
    }

    @Test
    void a_file_alone_is_its_name_in_the_text_format_and_an_attachment_object_in_airy() throws Exception {
        Message message = withFile("");
        JsonNode text = json(views.forVisitor(message, ContentFormat.TEXT));
        assertEquals("cat.png", text.get("content").asText());
        assertEquals(
                "image/png",
                text.get("attachment").get("payload").get("content_type").asText());

        JsonNode airy = json(views.forVisitor(message, ContentFormat.AIRY)).get("content");
        assertFalse(airy.has("text"));
        assertEquals("image", airy.get("attachment").get("type").asText());
        assertEquals(
                "https://chat.example/media/abc",
                airy.get("attachment").get("payload").get("url").asText());
        assertEquals("NICE", airy.get("quick_replies").get(0).get("payload").asText());

        JsonNode airy2021 = json(views.forVisitor(message, ContentFormat.AIRY_2021));
        JsonNode parsed = Json.MAPPER.readTree(airy2021.get("content").asText());
        assertEquals(
                "cat.png", parsed.get("attachment").get("payload").get("name").asText());
        assertEquals("source_user", airy2021.get("sender_type").asText());
        assertEquals("Operator", airy2021.get("sender").get("name").asText());
    }

    @Test
    void a_file_with_text_keeps_the_text_in_every_format() throws Exception {
        Message message = withFile("Here you go");
        assertEquals(
                "Here you go",
                json(views.forVisitor(message, ContentFormat.TEXT))
                        .get("content")
                        .asText());
        JsonNode airy = json(views.forVisitor(message, ContentFormat.AIRY)).get("content");
        assertEquals("text", airy.get("type").asText());
        assertEquals("Here you go", airy.get("text").asText());
        assertEquals(
                "cat.png", airy.get("attachment").get("payload").get("name").asText());
        assertEquals(
                "Here you go", json(views.forOperator(message)).get("content").asText());
    }
}
