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
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(ChannelDao.ChannelMapper.class)
public interface ChannelDao {
    String COLUMNS = "id, name, source_channel_id, image_url, allowed_origins, connected, created_at_ms";

    @SqlQuery("SELECT " + COLUMNS + " FROM channels WHERE id = :id")
    Optional<Channel> find(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM channels WHERE source_channel_id = :sourceChannelId")
    Optional<Channel> findBySourceId(@Bind("sourceChannelId") String sourceChannelId);

    @SqlQuery("SELECT " + COLUMNS + " FROM channels WHERE connected = TRUE ORDER BY created_at_ms, id")
    List<Channel> listConnected();

    @SqlUpdate("INSERT INTO channels (id, name, source_channel_id, image_url, allowed_origins, connected, created_at_ms)"
            + " VALUES (:id, :name, :sourceChannelId, :imageUrl, '', TRUE, :createdAtMs)")
    void insert(@Bind("id") UUID id, @Bind("name") String name, @Bind("sourceChannelId") String sourceChannelId,
            @Bind("imageUrl") String imageUrl, @Bind("createdAtMs") long createdAtMs);

    @SqlUpdate("UPDATE channels SET name = :name, image_url = :imageUrl, allowed_origins = :allowedOrigins,"
            + " connected = :connected WHERE id = :id")
    void update(@Bind("id") UUID id, @Bind("name") String name, @Bind("imageUrl") String imageUrl,
            @Bind("allowedOrigins") String allowedOrigins, @Bind("connected") boolean connected);

    static String joinOrigins(List<String> origins) {
        return String.join("\n", origins);
    }

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
                    rs.getLong("created_at_ms"));
        }
    }
}
