package com.royaltydesk.platform.http;

import com.royaltydesk.platform.backup.Backups;
import com.royaltydesk.platform.keys.Role;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** {@code POST /v1/admin/backups}: a consistent backup of the running platform's data folder. */
public final class BackupsHandler {

    /** Where the backup was written and how to check it. */
    public record Written(String file, long bytes, String sha256, Instant createdAt, List<String> entries) {}

    private final Backups backups;
    private final Auth auth;

    public BackupsHandler(Backups backups, Auth auth) {
        this.backups = backups;
        this.auth = auth;
    }

    public void make(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        Backups.Made made = backups.make(backups.defaultDirectory());
        ctx.status(201)
                .json(new Written(
                        made.file().toString(), made.bytes(), made.sha256(), made.createdAt(), made.entries()));
    }
}
