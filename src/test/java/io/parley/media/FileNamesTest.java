package io.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FileNamesTest {
    @Test
    void a_name_loses_folders_and_control_characters_and_its_header_cannot_be_broken_out_of() {
        assertEquals("a\"b.pdf", FileNames.clean("C:\\x\\a\"\r\nb.pdf"));
        assertEquals("file", FileNames.clean("../.."));
        assertEquals(
                "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf",
                FileNames.attachmentDisposition("a\"b.pdf"));
    }
}
