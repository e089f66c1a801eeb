package io.parley.channel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(ChannelDao.ChannelMapper.class)
public interface ChannelDao {
    /** Ends with a line break, so a WHERE clause can follow. */
    String SELECT = """
            SELECT id, name, source_channel_id, image_url, allowed_origins, connected, identity_secret,
                identity_required, widget, content_format, created_at_ms, auto_assign
            FROM channels
            """;

    @SqlQuery(SELECT + "WHERE id = :id")
    Optional<Channel> find(UUID id);

    @SqlQuery(SELECT + "WHERE source_channel_id = :sourceChannelId")
    Optional<Channel> findBySourceId(String sourceChannelId);

    @SqlQuery(SELECT + "WHERE connected = TRUE ORDER BY created_at_ms, id")
    List<Channel> listConnected();

    @SqlUpdate("""
            INSERT INTO channels (id, name, source_channel_id, image_url, allowed_origins, connected, identity_secret,
                identity_required, widget, content_format, created_at_ms, auto_assign)
            VALUES (:id, :name, :sourceChannelId, :imageUrl, :allowedOriginsText, :connected, :identitySecret,
                :identityRequired, :widgetJson, :contentFormatValue, :createdAtMs, :autoAssign)""")
    void insert(@BindMethods Channel channel);

    @SqlUpdate("""
             UPDATE channels SET name = :name, image_url = :imageUrl, allowed_origins = :allowedOriginsText,
             connected = :connected, identity_secret = :identitySecret, identity_required = :identityRequired,
             widget = :widgetJson,
             content_format = :contentFormatValue,
             auto_assign = :autoAssign
             WHERE id = :id""")
    void update(@BindMethods Channel channel);

    class ChannelMapper implements RowMapper<Channel> {
        @Override
        public Channel map(ResultSet rs, StatementContext ctx) throws SQLException {
            String origins = rs.getString("allowed_origins");
            return new Channel(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    rs.getString("source_channel_id"),
                    rs.getString("image_url"),
                    origins.isEmpty() ? List.of() : Arrays.asList(origins.split("\n")),
                    rs.getBoolean("connected"),
                    rs.getString("identity_secret"),
                    rs.getBoolean("identity_required"),
                    WidgetSettings.fromStored(rs.getString("widget")),
                    ContentFormat.stored(rs.getString("content_format")),
                    rs.getLong("created_at_ms"),
                    rs.getBoolean("auto_assign"));
        }
    }
}
