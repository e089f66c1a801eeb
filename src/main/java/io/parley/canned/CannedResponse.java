package io.parley.canned;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.UUID;

/** A saved reply the inbox offers when a reply starts with "/" followed by its short code. */
public record CannedResponse(
        UUID id, String shortCode, String text, @JsonIgnore long createdAtMs) {}
