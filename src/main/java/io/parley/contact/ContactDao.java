package io.parley.contact;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ContactDao.Row.class)
public interface ContactDao {
    record Row(UUID id, String displayName, String email, String attributes) {
        Contact contact() {
            return Contact.of(id, displayName, email, attributes);
        }
    }

    @SqlQuery("SELECT id, display_name, email, attributes FROM contacts WHERE id = :id")
    Optional<Row> find(UUID id);

    /** Contact ids live in visitor tokens and conversations; a row is only written once details are set. */
    @SqlQuery("SELECT COUNT(*) FROM conversations WHERE contact_id = :id")
    int conversationCount(UUID id);

    @SqlUpdate("""
            INSERT INTO contacts (id, display_name, email, attributes, created_at_ms, updated_at_ms)
            VALUES (:id, :displayName, :email, :attributes, :now, :now)""")
    void insert(UUID id, String displayName, String email, String attributes, long now);

    @SqlUpdate("""
            UPDATE contacts SET display_name = :displayName, email = :email, attributes = :attributes,
            updated_at_ms = :now WHERE id = :id""")
    int update(UUID id, String displayName, String email, String attributes, long now);
}
