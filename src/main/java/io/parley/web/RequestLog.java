package io.parley.web;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request: method, path, status, time, client. Never headers, query
 * strings or bodies, which is where tokens and message text live. A media id is left out too:
 * like a token, it is all it takes to fetch the file.
 */
public final class RequestLog {
    private static final Logger log = LoggerFactory.getLogger("parley.requests");

    private RequestLog() {}

    public static void log(Context ctx, Float millis) {
        if (log.isInfoEnabled()) {
            log.info(
                    "method={} path={} status={} ms={} ip={}",
                    ctx.method(),
                    ctx.path().startsWith("/media/") ? "/media/<id>" : ctx.path(),
                    ctx.status().getCode(),
                    String.format("%.1f", millis),
                    ctx.ip());
        }
    }
}
