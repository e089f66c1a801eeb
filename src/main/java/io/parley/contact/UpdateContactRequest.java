package io.parley.contact;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code /chatplugin.updateContact} and {@code /contacts.update}: fields left out are
 * kept; an empty string clears {@code name} or {@code email}; {@code attributes} merge key by key
 * (a null value removes that key). {@code contact_id} is only read from operators.
 */
public record UpdateContactRequest(String contactId, String name, String email, JsonNode attributes) {}
