package com.royaltydesk.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.JdbcAssetStore;
import com.royaltydesk.platform.creators.CreatorService;
import com.royaltydesk.platform.creators.JdbcCreatorStore;
import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.keys.ApiKeyService;
import com.royaltydesk.platform.keys.JdbcApiKeyStore;
import com.royaltydesk.platform.sandbox.SandboxBootstrap;
import java.time.Clock;

/** The platform's services, wired by hand from the database and config: its composition root. */
public record PlatformServices(
        PlatformConfig config,
        Database database,
        ObjectMapper json,
        ApiKeyService keys,
        CreatorService creators,
        AssetService assets,
        SandboxBootstrap sandboxBootstrap) {

    public static PlatformServices create(PlatformConfig config, Database database, ObjectMapper json, Clock clock) {
        Jdbc jdbc = new Jdbc(database.dataSource());
        ApiKeyService keys = new ApiKeyService(new JdbcApiKeyStore(database.dataSource()), clock, config.sandbox());
        CreatorService creators = new CreatorService(jdbc, new JdbcCreatorStore(), keys, clock, config.sandbox());
        AssetService assets = new AssetService(new JdbcAssetStore(database.dataSource(), json), clock);
        SandboxBootstrap bootstrap = new SandboxBootstrap(jdbc, keys, creators, json, clock);
        return new PlatformServices(config, database, json, keys, creators, assets, bootstrap);
    }
}
