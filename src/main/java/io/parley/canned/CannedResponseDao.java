package io.parley.canned;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(CannedResponse.class)
public interface CannedResponseDao {
    @SqlQuery("SELECT id, short_code, text, created_at_ms FROM canned_responses ORDER BY short_code")
    List<CannedResponse> list();

    @SqlQuery("SELECT id, short_code, text, created_at_ms FROM canned_responses WHERE id = :id")
    Optional<CannedResponse> find(UUID id);

    @SqlQuery("SELECT COUNT(*) FROM canned_responses WHERE short_code = :shortCode AND id <> :id")
    int countOthersWithCode(String shortCode, UUID id);

    @SqlUpdate("""
            INSERT INTO canned_responses (id, short_code, text, created_at_ms)
            VALUES (:id, :shortCode, :text, :createdAtMs)""")
    void insert(@BindMethods CannedResponse response);

    @SqlUpdate("UPDATE canned_responses SET short_code = :shortCode, text = :text WHERE id = :id")
    void update(@BindMethods CannedResponse response);

    @SqlUpdate("DELETE FROM canned_responses WHERE id = :id")
    int delete(UUID id);
}
