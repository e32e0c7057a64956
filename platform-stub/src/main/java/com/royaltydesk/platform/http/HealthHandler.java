package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Version;
import com.royaltydesk.platform.db.Database;
import io.javalin.http.Context;

/**
 * {@code GET /health}: ok when the database answers, 503 in the error shape when it does not —
 * which is also {@code GET /health/ready} (send traffic here?). {@code GET /health/live} asks only
 * whether the process still serves HTTP (restart it?): a database that is down is not fixed by
 * restarting the platform, so liveness never depends on it.
 */
public final class HealthHandler {

    /** The health document; {@code version} is the platform build. */
    public record Health(String status, String version) {}

    private final Database database;

    public HealthHandler(Database database) {
        this.database = database;
    }

    public void live(Context ctx) {
        ctx.json(new Health("live", Version.current()));
    }

    public void ready(Context ctx) {
        requireDatabase();
        ctx.json(new Health("ready", Version.current()));
    }

    public void get(Context ctx) {
        requireDatabase();
        ctx.json(new Health("ok", Version.current()));
    }

    private void requireDatabase() {
        if (!database.isReachable()) {
            throw new ApiException(
                    ApiException.Kind.UNAVAILABLE, "unavailable", "The platform database is not answering.", null);
        }
    }
}
