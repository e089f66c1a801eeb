package io.parley.media;

import io.javalin.http.Context;
import io.parley.auth.Access;
import io.parley.auth.Caller;
import io.parley.auth.OperatorTokens;
import io.parley.auth.Tokens;
import io.parley.auth.VisitorClaims;
import io.parley.channel.ChannelService;
import java.net.URI;

/** The upload endpoints and {@code GET /media/<id>}. Upload bodies are streamed, never read whole. */
public final class MediaController {
    /** The routes whose bodies this controller streams: the general body limit and pre-read skip them. */
    public static final java.util.Set<String> UPLOAD_PATHS = java.util.Set.of("/chatplugin.upload", "/media.upload");

    private final MediaService media;
    private final Tokens tokens;
    private final OperatorTokens operators;
    private final ChannelService channels;

    public MediaController(MediaService media, Tokens tokens, OperatorTokens operators, ChannelService channels) {
        this.media = media;
        this.tokens = tokens;
        this.operators = operators;
        this.channels = channels;
    }

    /** {@code /chatplugin.upload}: a visitor token (checked by the route table). */
    public void visitorUpload(Context ctx) {
        upload(ctx, visitor(ctx, Access.visitor(ctx)));
    }

    /**
     * {@code /media.upload}, Airy's path: an operator token (the API token, a person's session, a
     * bot's token), a visitor token, or no token at all.
     */
    public void anyUpload(Context ctx) {
        String token = Tokens.bearer(ctx.header("Authorization"));
        Caller operator = Access.operator(tokens, operators, token);
        Uploader who;
        if (token == null) {
            who = Uploader.anonymous(ctx.ip());
        } else if (operator != null) {
            who = Uploader.operator(operator.isSystem() ? null : String.valueOf(operator.operatorId()), ctx.ip());
        } else {
            who = visitor(ctx, tokens.verify(Tokens.Kind.VISITOR, token));
        }
        upload(ctx, who);
    }

    /** As for a visitor's send: its channel must still be connected and the page's origin allowed. */
    private Uploader visitor(Context ctx, VisitorClaims visitor) {
        channels.visitable(visitor.channelId(), ctx.header("Origin"));
        return Uploader.visitor(visitor.conversationId(), visitor.contactId(), ctx.ip());
    }

    private void upload(Context ctx, Uploader who) {
        var request = new MediaService.Upload(
                ctx.req()::getInputStream, ctx.contentType(), ctx.req().getContentLengthLong());
        ctx.json(media.upload(who, request, origin(ctx)));
    }

    /** GET and HEAD: headers that keep a browser from ever running or sniffing the file. */
    public void serve(Context ctx) {
        var served = media.open(ctx.pathParam("id"));
        Media file = served.media();
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("Cache-Control", "private, max-age=31536000, immutable");
        ctx.header(
                "Content-Disposition",
                file.type().attachmentType().equals("image") ? "inline" : FileNames.attachmentDisposition(file.name()));
        ctx.disableCompression(); // the length is the stored one (and images and PDFs are compressed already)
        ctx.header("Content-Length", String.valueOf(file.sizeBytes()));
        ctx.contentType(file.contentType());
        ctx.result(served.content());
    }

    /** The scheme and host the request was sent to, e.g. {@code http://localhost:8080}. */
    private static String origin(Context ctx) {
        URI url = URI.create(ctx.req().getRequestURL().toString());
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}
