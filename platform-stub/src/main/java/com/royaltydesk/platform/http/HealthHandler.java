package com.royaltydesk.platform.http;

import com.royaltydesk.platform.ApiException;
import com.royaltydesk.platform.Version;
import com.royaltydesk.platform.db.Database;
import io.javalin.http.Context;

/** {@code GET /health}: ok when the database answers, 503 in the error shape when it does not. */
public final class HealthHandler {

    /** The health document; {@code version} is the platform build. */
    public record Health(String status, String version) {}

    private final Database database;

    public HealthHandler(Database database) {
        this.database = database;
    }

    public void get(Context ctx) {
        if (!database.isReachable()) {
            throw new ApiException(
                    ApiException.Kind.UNAVAILABLE, "unavailable", "The platform database is not answering.", null);
        }
        ctx.json(new Health("ok", Version.current()));
    }
}
