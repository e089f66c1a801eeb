package io.parley.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.parley.errors.BadRequest;
import java.io.IOException;
import java.util.stream.Collectors;

/** The one JSON configuration of the server: snake_case, strict types, lenient about unknown fields. */
public final class Json {
    public static final ObjectMapper MAPPER = createMapper();

    private Json() {}

    private static ObjectMapper createMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        // a number or boolean where a string is expected is a client mistake, not something to guess at
        for (CoercionInputShape shape : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(1_000_000)
                        .build());
        return mapper;
    }

    /** Reads a request body; an empty body or {@code null} counts as {@code {}}. */
    public static <T> T read(byte[] body, Class<T> type) {
        try {
            T value = isBlank(body) ? null : MAPPER.readValue(body, type);
            return value != null ? value : MAPPER.readValue("{}", type);
        } catch (MismatchedInputException e) {
            throw new BadRequest(wellFormed(body) ? describe(e) : "request body is not valid JSON");
        } catch (JsonMappingException e) {
            throw new BadRequest(
                    e.getPath().isEmpty() || !wellFormed(body)
                            ? "request body is not valid JSON"
                            : "invalid field '" + path(e) + "'");
        } catch (IOException e) {
            throw new BadRequest("request body is not valid JSON");
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static String describe(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return "request body must be a JSON object";
        }
        return "field '" + path(e) + "' has the wrong type";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /**
     * Jackson maps while it parses, so a body cut short inside a field, or one that starts wrong,
     * fails as a mapping error of that field before the parser sees the break: on that (error) path
     * only, the whole body is parsed again to tell broken JSON from a wrong field.
     */
    private static boolean wellFormed(byte[] body) {
        try {
            MAPPER.readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
