package io.parley.contact;

import io.javalin.http.Context;
import io.parley.json.Json;
import io.parley.web.Require;

/** The operators' contact endpoints; the visitor's own update is in the chat plugin's controller. */
public final class ContactController {
    private final ContactService contacts;

    public ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    public void info(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ContactIdRequest.class);
        ctx.json(contacts.info(Require.uuid("contact_id", request.contactId())));
    }

    public void update(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), UpdateContactRequest.class);
        ctx.json(contacts.updateExisting(Require.uuid("contact_id", request.contactId()), request));
    }
}
