package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.abuse.Limits;
import io.parley.config.BadSetting;
import io.parley.config.Env;
import io.parley.db.H2Url;
import io.parley.email.Smtp;
import io.parley.media.MediaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading settings: defaults, ranges, empty values, and the database URL's durability settings. */
class ConfigTest {

    @Test
    void unset_variables_give_the_defaults() {
        Config config = Config.fromEnv(Map.of());
        assertEquals(8080, config.port());
        assertEquals(Path.of("./data"), config.dataDir());
        assertEquals(Limits.DEFAULT, config.limits());
        assertEquals(Config.DEFAULT_MAX_BODY_BYTES, config.maxBodyBytes());
        assertNull(config.apiToken());
        assertEquals(MediaSettings.defaults(Path.of("./data")), config.media());
        assertEquals(Path.of("./data/media"), config.media().dir());
        assertEquals(10 * 1024 * 1024, config.media().maxUploadBytes());
    }

    @Test
    void media_settings_follow_the_data_folder_and_refuse_bad_values_in_one_line() {
        Config config = Config.fromEnv(Map.of(
                "PARLEY_DATA_DIR", "/srv/parley",
                "PARLEY_MAX_UPLOAD_BYTES", "2048",
                "PARLEY_PUBLIC_URL", "https://chat.example.com/"));
        assertEquals(Path.of("/srv/parley/media"), config.media().dir());
        assertEquals(2048, config.media().maxUploadBytes());
        assertEquals("https://chat.example.com", config.media().publicUrl());
        assertEquals(
                "PARLEY_MAX_UPLOAD_BYTES must be a whole number from 1 to 1073741824, got \"10MB\"",
                assertThrows(BadSetting.class, () -> Config.fromEnv(Map.of("PARLEY_MAX_UPLOAD_BYTES", "10MB")))
                        .getMessage());
        assertThrows(BadSetting.class, () -> Config.fromEnv(Map.of("PARLEY_PUBLIC_URL", "chat.example.com")));
        assertThrows(BadSetting.class, () -> Config.fromEnv(Map.of("PARLEY_MEDIA_DIR", "")));
    }

    @Test
    void numbers_are_read_within_their_range_and_refused_outside_it() {
        Env env = new Env(Map.of("A", " 42 ", "B", "65536", "C", "2.5", "D", "NaN", "E", ""));
        assertEquals(42, env.integer("A", 1, 0, 100));
        assertEquals(
                "B must be a whole number from 0 to 65535, got \"65536\"",
                assertThrows(BadSetting.class, () -> env.integer("B", 1, 0, 65_535))
                        .getMessage());
        assertEquals(2.5, env.decimal("C", 1, 0.5, 10));
        assertEquals(
                "D must be a number from 0.5 to 10, got \"NaN\"",
                assertThrows(BadSetting.class, () -> env.decimal("D", 1, 0.5, 10))
                        .getMessage());
        assertEquals(
                "E must be a whole number from 1 to 2, got an empty value",
                assertThrows(BadSetting.class, () -> env.integer("E", 1, 1, 2)).getMessage());
        assertEquals(Duration.ofMillis(7), env.millis("UNSET", Duration.ofMillis(7), 1, 10));
    }

    @Test
    void an_empty_optional_string_counts_as_unset() {
        Config config = Config.fromEnv(Map.of("PARLEY_API_TOKEN", "", "PARLEY_DB_URL", " "));
        assertNull(config.apiToken());
        assertEquals(Config.defaultDbUrl(Path.of("./data")), config.dbUrl());
    }

    @Test
    void an_h2_file_url_gets_what_durability_needs_and_keeps_what_the_user_chose() {
        assertEquals(
                "jdbc:h2:file:/srv/p;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=3000",
                H2Url.durable("jdbc:h2:file:/srv/p"));
        assertEquals(
                "jdbc:h2:./p;lock_timeout=100;write_delay=0;DB_CLOSE_ON_EXIT=FALSE",
                H2Url.durable("jdbc:h2:./p;lock_timeout=100;write_delay=0"));
        assertEquals("jdbc:h2:mem:x", H2Url.durable("jdbc:h2:mem:x"));
        assertEquals("jdbc:h2:tcp://db/p", H2Url.durable("jdbc:h2:tcp://db/p"));
        assertEquals(
                "PARLEY_DB_URL sets WRITE_DELAY=500, but Parley needs WRITE_DELAY=0 so that an acknowledged message"
                        + " is on disk: remove it from the URL",
                assertThrows(
                                BadSetting.class,
                                () -> Config.fromEnv(Map.of("PARLEY_DB_URL", "jdbc:h2:file:/srv/p;WRITE_DELAY=500")))
                        .getMessage());
    }

    private static final Map<String, String> MAIL = Map.of(
            "PARLEY_SMTP_URL", "smtp://ada%40mail.test:p%40ss%3Aw%2Frd@smtp.mail.test:2525",
            "PARLEY_MAIL_FROM", "Acme Support <support@acme.test>",
            "PARLEY_PUBLIC_URL", "https://chat.acme.test/");

    @Test
    void email_is_off_without_its_settings_and_on_with_all_three() {
        assertFalse(Config.fromEnv(Map.of()).email().enabled());
        Config config = Config.fromEnv(MAIL);
        Smtp smtp = config.email().smtp();
        assertEquals(new Smtp("smtp.mail.test", 2525, "ada@mail.test", "p@ss:w/rd", Smtp.Security.STARTTLS), smtp);
        assertEquals("https://chat.acme.test", config.email().publicUrl().toString());
        assertEquals("https://chat.acme.test", config.email().serverOrigin());
        assertEquals(Duration.ofSeconds(180), config.email().visitorDelay());
        assertFalse(smtp.toString().contains("p@ss"), "the password never reaches a log line");
        assertEquals(
                Smtp.Security.NONE,
                Smtp.parse("smtp://relay.local:25?starttls=off").security());
        Smtp tls = Smtp.parse("smtps://u:p@smtp.mail.test");
        assertEquals(Smtp.Security.TLS, tls.security());
        assertEquals(465, tls.port());
    }

    @Test
    void a_partial_or_malformed_email_setting_is_one_line_naming_the_variable() {
        assertEquals(
                "email needs all three of PARLEY_SMTP_URL, PARLEY_MAIL_FROM and PARLEY_PUBLIC_URL: PARLEY_MAIL_FROM is missing",
                assertThrows(BadSetting.class, () -> Config.fromEnv(Map.of("PARLEY_SMTP_URL", "smtp://h:25")))
                        .getMessage());
        assertTrue(assertThrows(BadSetting.class, () -> Config.fromEnv(Map.of("PARLEY_MAIL_FROM", "a@b.test")))
                .getMessage()
                .startsWith("PARLEY_MAIL_FROM is set but PARLEY_SMTP_URL is not"));
        assertFalse(
                Config.fromEnv(Map.of("PARLEY_PUBLIC_URL", "https://chat.acme.test"))
                        .email()
                        .enabled(),
                "the public URL alone serves media URLs and turns no email on");
        assertTrue(
                refusal("PARLEY_SMTP_URL", "http://secret:pw@h").startsWith("PARLEY_SMTP_URL must start with smtp://"));
        assertFalse(refusal("PARLEY_SMTP_URL", "http://secret:pw@h").contains("secret"), "the URL holds a password");
        assertTrue(refusal("PARLEY_SMTP_URL", "smtp://h:25?tls=maybe")
                .startsWith("PARLEY_SMTP_URL takes only ?starttls=off"));
        assertTrue(
                refusal("PARLEY_MAIL_FROM", "not an address").startsWith("PARLEY_MAIL_FROM must be an email address"));
        assertTrue(refusal("PARLEY_PUBLIC_URL", "chat.acme.test").startsWith("PARLEY_PUBLIC_URL must be"));
        assertTrue(refusal("PARLEY_VISITOR_EMAIL_DELAY_SECONDS", "soon")
                .startsWith("PARLEY_VISITOR_EMAIL_DELAY_SECONDS must be"));
        assertTrue(refusal("PARLEY_SMTP_TRUST", "pom.xml").startsWith("PARLEY_SMTP_TRUST must be a readable PEM file"));
        assertTrue(refusal("PARLEY_RETENTION_DAYS", "0")
                .startsWith("PARLEY_RETENTION_DAYS must be a whole number from 1"));
        assertEquals(
                Duration.ofDays(30),
                Config.fromEnv(Map.of("PARLEY_RETENTION_DAYS", "30"))
                        .retention()
                        .keepFor());
        assertNull(Config.fromEnv(Map.of()).retention().keepFor());
    }

    private static String refusal(String variable, String value) {
        var vars = new java.util.HashMap<>(MAIL);
        vars.put(variable, value);
        return assertThrows(BadSetting.class, () -> Config.fromEnv(vars)).getMessage();
    }
}
