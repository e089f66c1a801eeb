package io.parley.operator;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Operator.class)
public interface OperatorDao {
    String SELECT = """
            SELECT id, email, name, role, avatar_url, password_hash, disabled, availability, created_at_ms,
                email_notifications
            FROM operators
            """;

    @SqlQuery(SELECT + "WHERE id = :id")
    Optional<Operator> find(UUID id);

    @SqlQuery(SELECT + "WHERE email = :email")
    Optional<Operator> findByEmail(String email);

    @SqlQuery(SELECT + "ORDER BY created_at_ms, id")
    List<Operator> list();

    @SqlQuery("SELECT COUNT(*) FROM operators WHERE role <> 'bot'")
    long countPeople();

    @SqlUpdate("""
            INSERT INTO operators (id, email, name, role, avatar_url, password_hash, disabled, availability,
                created_at_ms, api_token_hash, email_notifications)
            VALUES (:id, :email, :name, :role, :avatarUrl, :passwordHash, :disabled, :availability, :createdAtMs,
                :apiTokenHash, :emailNotifications)""")
    void insert(@BindMethods Operator operator, String apiTokenHash);

    @SqlUpdate("""
            UPDATE operators SET name = :name, role = :role, avatar_url = :avatarUrl, password_hash = :passwordHash,
                disabled = :disabled, availability = :availability, email_notifications = :emailNotifications
            WHERE id = :id""")
    void update(@BindMethods Operator operator);

    record TokenOwner(UUID id, String role) {}

    @SqlQuery("""
            SELECT o.id, o.role FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
            WHERE s.token_hash = :tokenHash AND s.expires_at_ms > :nowMs AND o.disabled = FALSE""")
    @RegisterConstructorMapper(TokenOwner.class)
    Optional<TokenOwner> sessionOwner(String tokenHash, long nowMs);

    @SqlQuery("SELECT id, role FROM operators WHERE api_token_hash = :tokenHash AND disabled = FALSE")
    @RegisterConstructorMapper(TokenOwner.class)
    Optional<TokenOwner> botOwner(String tokenHash);

    @SqlUpdate("""
            INSERT INTO operator_sessions (token_hash, operator_id, created_at_ms, expires_at_ms)
            VALUES (:tokenHash, :operatorId, :nowMs, :expiresAtMs)""")
    void insertSession(String tokenHash, UUID operatorId, long nowMs, long expiresAtMs);

    @SqlUpdate("DELETE FROM operator_sessions WHERE token_hash = :tokenHash")
    int deleteSession(String tokenHash);

    @SqlUpdate("DELETE FROM operator_sessions WHERE operator_id = :operatorId")
    void deleteSessions(UUID operatorId);

    @SqlUpdate("DELETE FROM operator_sessions WHERE expires_at_ms <= :nowMs")
    void deleteExpiredSessions(long nowMs);

    @SqlQuery("SELECT COUNT(*) FROM login_failures WHERE email_hash = :emailHash AND failed_at_ms > :sinceMs")
    int failuresSince(String emailHash, long sinceMs);

    @SqlQuery("SELECT MIN(failed_at_ms) FROM login_failures WHERE email_hash = :emailHash AND failed_at_ms > :sinceMs")
    long oldestFailureSince(String emailHash, long sinceMs);

    @SqlUpdate("INSERT INTO login_failures (email_hash, failed_at_ms) VALUES (:emailHash, :nowMs)")
    void insertFailure(String emailHash, long nowMs);

    @SqlUpdate("DELETE FROM login_failures WHERE failed_at_ms <= :beforeMs")
    void deleteFailuresBefore(long beforeMs);

    @SqlUpdate("DELETE FROM login_failures WHERE email_hash = :emailHash")
    void clearFailures(String emailHash);
}
