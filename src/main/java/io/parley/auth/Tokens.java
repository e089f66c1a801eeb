package io.parley.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.parley.errors.Unauthorized;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Issues and checks the two kinds of visitor JWTs (HS256) and the operator API token. Each
 * JWT kind has its own {@code typ} claim and audience, so one is never accepted for the other.
 */
public final class Tokens {
    public static final Duration VISITOR_TTL = Duration.ofHours(1);
    public static final Duration RESUME_TTL = Duration.ofDays(7);
    private static final String ISSUER = "parley";

    public enum Kind {
        VISITOR("visitor", "parley:chatplugin", VISITOR_TTL),
        RESUME("resume", "parley:resume", RESUME_TTL),
        /** The link in a follow-up email: opens the conversation on Parley's own page, nothing else. */
        CONTINUE("continue", "parley:continue", RESUME_TTL),
        /** The unsubscribe link of an email: stops email to the contact, nothing else. */
        UNSUBSCRIBE("unsubscribe", "parley:unsubscribe", Duration.ofDays(365));

        final String typ;
        final String audience;
        final Duration ttl;

        Kind(String typ, String audience, Duration ttl) {
            this.typ = typ;
            this.audience = audience;
            this.ttl = ttl;
        }
    }

    private final Algorithm algorithm;
    private final Algorithm previousAlgorithm;
    private final byte[] apiToken;
    private final Clock clock;
    private final ErasureCheck erasedContact;

    /**
     * {@code previousJwtSecret}: after a rotation, tokens signed with the old secret stay valid
     * until they expire; new tokens are always signed with the current one.
     */
    public Tokens(String jwtSecret, String previousJwtSecret, String apiToken, Clock clock) {
        this(jwtSecret, previousJwtSecret, apiToken, clock, contactId -> false);
    }

    /** {@code erasedContact}: whose visitor tokens are refused from now on (see {@link ErasedContacts}). */
    public Tokens(
            String jwtSecret, String previousJwtSecret, String apiToken, Clock clock, ErasureCheck erasedContact) {
        this.erasedContact = erasedContact;
        this.algorithm = Algorithm.HMAC256(jwtSecret.getBytes(StandardCharsets.UTF_8));
        this.previousAlgorithm = previousJwtSecret == null
                ? null
                : Algorithm.HMAC256(previousJwtSecret.getBytes(StandardCharsets.UTF_8));
        this.apiToken = apiToken.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public String issue(Kind kind, VisitorClaims claims) {
        Instant now = clock.instant();
        return JWT.create()
                .withIssuer(ISSUER)
                .withAudience(kind.audience)
                .withClaim("typ", kind.typ)
                .withSubject(claims.contactId().toString())
                .withClaim("channel_id", claims.channelId().toString())
                .withClaim("conversation_id", claims.conversationId().toString())
                .withIssuedAt(now)
                .withExpiresAt(now.plus(kind.ttl))
                .sign(algorithm);
    }

    /**
     * The claims of a valid, unexpired token of this kind; 401 for anything else, and for a visitor
     * token of an erased contact (a resume token's caller decides: it starts afresh).
     */
    public VisitorClaims verify(Kind kind, String token) {
        VisitorClaims claims = verifySignature(kind, token);
        if (kind == Kind.VISITOR && erasedContact.isErased(claims.contactId())) {
            throw new Unauthorized("this visitor's data was erased: authenticate again for a new conversation");
        }
        return claims;
    }

    public boolean isErased(UUID contactId) {
        return erasedContact.isErased(contactId);
    }

    /** For a visitor whose contact id was just made up: its first socket skips the erasure lookup. */
    public void contactCreated(UUID contactId) {
        erasedContact.created(contactId);
    }

    private VisitorClaims verifySignature(Kind kind, String token) {
        if (token == null || token.isBlank()) {
            throw new Unauthorized("missing " + kind.typ + " token");
        }
        try {
            DecodedJWT jwt = decode(kind, token);
            return new VisitorClaims(
                    UUID.fromString(jwt.getClaim("channel_id").asString()),
                    UUID.fromString(jwt.getClaim("conversation_id").asString()),
                    UUID.fromString(jwt.getSubject()));
        } catch (TokenExpiredException e) {
            throw new Unauthorized(kind.typ + " token has expired");
        } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
            throw new Unauthorized("invalid " + kind.typ + " token");
        }
    }

    public boolean isApiToken(String candidate) {
        return candidate != null && MessageDigest.isEqual(apiToken, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private DecodedJWT decode(Kind kind, String token) {
        try {
            return verifier(kind, algorithm).verify(token);
        } catch (SignatureVerificationException e) {
            if (previousAlgorithm == null) {
                throw e;
            }
            return verifier(kind, previousAlgorithm).verify(token);
        }
    }

    private JWTVerifier verifier(Kind kind, Algorithm signedWith) {
        return ((JWTVerifier.BaseVerification) JWT.require(signedWith)
                        .withIssuer(ISSUER)
                        .withAudience(kind.audience)
                        .withClaim("typ", kind.typ)
                        .withClaimPresence("channel_id")
                        .withClaimPresence("conversation_id"))
                .build(clock);
    }

    /** "Bearer x" or a bare "x", as the contract allows; null when absent. */
    public static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7)
                ? value.substring(7).strip()
                : value;
    }
}
