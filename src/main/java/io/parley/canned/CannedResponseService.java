package io.parley.canned;

import io.parley.errors.BadRequest;
import io.parley.errors.Conflict;
import io.parley.errors.NotFound;
import io.parley.web.Require;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The team's saved replies: short codes are unique (409 otherwise). */
public final class CannedResponseService {
    public static final int MAX_TEXT = 10_000;
    private static final Pattern SHORT_CODE = Pattern.compile("[a-z0-9_-]{1,32}");

    private final Jdbi jdbi;
    private final Clock clock;

    public CannedResponseService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public CannedResponse create(CannedResponseRequest request) {
        var response = new CannedResponse(
                UUID.randomUUID(), shortCode(request.shortCode()), text(request.text()), clock.millis());
        return write(response, dao -> dao.insert(response));
    }

    public List<CannedResponse> list() {
        return dao().list();
    }

    public CannedResponse update(CannedResponseRequest request) {
        CannedResponse old = find(request);
        var updated = new CannedResponse(
                old.id(),
                request.shortCode() == null ? old.shortCode() : shortCode(request.shortCode()),
                request.text() == null ? old.text() : text(request.text()),
                old.createdAtMs());
        return write(updated, dao -> dao.update(updated));
    }

    public void delete(CannedResponseRequest request) {
        if (dao().delete(Require.uuid("canned_response_id", request.cannedResponseId())) == 0) {
            throw notFound();
        }
    }

    private CannedResponse find(CannedResponseRequest request) {
        return dao().find(Require.uuid("canned_response_id", request.cannedResponseId()))
                .orElseThrow(CannedResponseService::notFound);
    }

    /** The unique index has the last word when two writers race for one short code. */
    private CannedResponse write(CannedResponse response, java.util.function.Consumer<CannedResponseDao> change) {
        if (dao().countOthersWithCode(response.shortCode(), response.id()) > 0) {
            throw usedCode();
        }
        try {
            jdbi.useExtension(CannedResponseDao.class, change::accept);
        } catch (UnableToExecuteStatementException raced) {
            if (dao().countOthersWithCode(response.shortCode(), response.id()) > 0) {
                throw usedCode();
            }
            throw raced;
        }
        return response;
    }

    private static String shortCode(String value) {
        if (value == null || !SHORT_CODE.matcher(value).matches()) {
            throw new BadRequest("field 'short_code' must be 1 to 32 of a-z, 0-9, _ and -");
        }
        return value;
    }

    private static String text(String value) {
        return Require.text("text", value, MAX_TEXT);
    }

    private CannedResponseDao dao() {
        return jdbi.onDemand(CannedResponseDao.class);
    }

    private static Conflict usedCode() {
        return new Conflict("a canned response with this short_code exists already");
    }

    private static NotFound notFound() {
        return new NotFound("canned response not found");
    }
}
