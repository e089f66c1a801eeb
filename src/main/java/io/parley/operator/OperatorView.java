package io.parley.operator;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.json.Times;
import java.util.UUID;

/** An operator as the API shows it; {@code api_token} only in the answer that created a bot. */
public record OperatorView(
        UUID id,
        String email,
        String name,
        String role,
        String avatarUrl,
        boolean disabled,
        String availability,
        boolean emailNotifications,
        String createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String apiToken) {

    public static OperatorView of(Operator o) {
        return withToken(o, null);
    }

    static OperatorView withToken(Operator o, String apiToken) {
        return new OperatorView(
                o.id(),
                o.email(),
                o.name(),
                o.role(),
                o.avatarUrl(),
                o.disabled(),
                o.availability(),
                o.emailNotifications(),
                Times.iso(o.createdAtMs()),
                apiToken);
    }
}
