package io.parley.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A visitor as operators see it: what it (or an operator) told about itself; nulls when never set. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Contact(UUID id, String displayName, String email, Map<String, Object> attributes) {
    private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTES = new TypeReference<>() {};

    public static Contact empty(UUID id) {
        return new Contact(id, null, null, Map.of());
    }

    /** From stored columns; {@code attributesJson} null (no row) means no attributes. */
    public static Contact of(UUID id, String displayName, String email, String attributesJson) {
        return new Contact(id, displayName, email, attributesJson == null ? Map.of() : parse(attributesJson));
    }

    static Map<String, Object> parse(String attributesJson) {
        try {
            return Json.MAPPER.readValue(attributesJson, ATTRIBUTES);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored contact attributes are not a JSON object", e);
        }
    }
}
