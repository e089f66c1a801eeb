package io.parley;

import io.parley.errors.Unavailable;
import io.parley.fanout.Fanout;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;

/** What {@code /health} checks: the node's database, and its listener to the other nodes (when there are any). */
public final class Health {
    private final Jdbi jdbi;
    private final Fanout fanout;

    Health(Jdbi jdbi, Fanout fanout) {
        this.jdbi = jdbi;
        this.fanout = fanout;
    }

    /** A 503 naming what is down, so a load balancer sends this node nothing until it is back. */
    public void require() {
        if (!databaseUp()) {
            throw new Unavailable("the database cannot be reached: check PARLEY_DB_URL and the database server");
        }
        if (!fanout.connected()) {
            throw new Unavailable(
                    "this node cannot hear the other nodes (PostgreSQL LISTEN connection down): reconnecting");
        }
    }

    private boolean databaseUp() {
        try {
            return jdbi.withHandle(handle -> handle.getConnection().isValid(2));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
