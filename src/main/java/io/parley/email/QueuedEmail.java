package io.parley.email;

import java.util.UUID;

/** An outbox row as a worker claims it; {@code attempts} is the count before this claim. */
record QueuedEmail(
        long seq,
        UUID id,
        String kind,
        String recipient,
        String subject,
        String textBody,
        String htmlBody,
        String headers,
        int attempts) {}
