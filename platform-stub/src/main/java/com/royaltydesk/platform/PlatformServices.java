package com.royaltydesk.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.JdbcAssetStore;
import com.royaltydesk.platform.assets.UploadGate;
import com.royaltydesk.platform.backup.Backups;
import com.royaltydesk.platform.billing.BillingServices;
import com.royaltydesk.platform.creators.CreatorService;
import com.royaltydesk.platform.creators.JdbcCreatorStore;
import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.db.GroupCommit;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.hosts.HostService;
import com.royaltydesk.platform.http.Routes;
import com.royaltydesk.platform.idempotency.IdempotencyStore;
import com.royaltydesk.platform.journal.ChangeJournal;
import com.royaltydesk.platform.journal.JournalMarks;
import com.royaltydesk.platform.journal.RowChangeTrigger;
import com.royaltydesk.platform.keys.ApiKeyService;
import com.royaltydesk.platform.keys.JdbcApiKeyStore;
import com.royaltydesk.platform.log.CheckpointStore;
import com.royaltydesk.platform.log.ReceiptLog;
import com.royaltydesk.platform.log.Witnessing;
import com.royaltydesk.platform.metrics.PlatformMetrics;
import com.royaltydesk.platform.receipts.ClaimValidator;
import com.royaltydesk.platform.receipts.JdbcSigningKeyStore;
import com.royaltydesk.platform.receipts.KeyEncryptionKey;
import com.royaltydesk.platform.receipts.LogEvidence;
import com.royaltydesk.platform.receipts.PrivateKeySeal;
import com.royaltydesk.platform.receipts.ReceiptJournal;
import com.royaltydesk.platform.receipts.ReceiptService;
import com.royaltydesk.platform.receipts.ReceiptSigner;
import com.royaltydesk.platform.receipts.ReceiptStore;
import com.royaltydesk.platform.receipts.SigningAlgorithm;
import com.royaltydesk.platform.receipts.SigningKeys;
import com.royaltydesk.platform.receipts.TrustRoots;
import com.royaltydesk.platform.sandbox.DemoHistory;
import com.royaltydesk.platform.sandbox.RateLimiter;
import com.royaltydesk.platform.sandbox.SandboxBootstrap;
import com.royaltydesk.platform.usage.Corrections;
import com.royaltydesk.platform.usage.IngestionService;
import com.royaltydesk.platform.usage.PeriodGate;
import com.royaltydesk.platform.usage.UsageJournal;
import com.royaltydesk.platform.usage.UsageStore;
import com.royaltydesk.platform.webhooks.Outbox;
import com.royaltydesk.platform.webhooks.UrlGuard;
import com.royaltydesk.platform.webhooks.WebhookDispatcher;
import com.royaltydesk.platform.webhooks.WebhookService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The platform's services, wired by hand from the database and config: its composition root. */
public record PlatformServices(
        PlatformConfig config,
        Database database,
        Jdbc jdbc,
        ObjectMapper json,
        ApiKeyService keys,
        CreatorService creators,
        AssetService assets,
        UploadGate uploadGate,
        SigningKeys signingKeys,
        ReceiptService receipts,
        ClaimValidator claims,
        LogEvidence logEvidence,
        TrustRoots trustRoots,
        Witnessing witnessing,
        HostService hosts,
        IngestionService ingestion,
        UsageJournal usageJournal,
        ReceiptJournal receiptJournal,
        ChangeJournal changeJournal,
        JournalMarks journalMarks,
        Corrections corrections,
        BillingServices billing,
        WebhookService webhooks,
        WebhookDispatcher webhookDispatcher,
        SandboxBootstrap sandboxBootstrap,
        RateLimiter sandboxLimiter,
        Backups backups,
        PlatformMetrics metrics,
        Clock clock)
        implements Routes.Services, DemoHistory.Services {

    /** Sandbox receipts a single client address may request per minute. */
    public static final int SANDBOX_RECEIPTS_PER_MINUTE = 10;

    @Override
    public boolean sandbox() {
        return config.sandbox();
    }

    @Override
    public Duration uploadReadTimeout() {
        return config.uploadLimits().readTimeout();
    }

    @Override
    public SigningAlgorithm signingAlgorithm() {
        return config.signingAlgorithm();
    }

    public static PlatformServices create(PlatformConfig config, Database database, ObjectMapper json, Clock clock) {
        // Every write the platform acknowledges is on disk first (group commit on H2), and on its own
        // H2 file also in a journal H2 can be rebuilt from (decision 0017).
        PlatformMetrics metrics = new PlatformMetrics();
        GroupCommit groupCommit = GroupCommit.forUrl(database.dataSource(), config.jdbcUrl());
        ChangeJournal changeJournal = null;
        if (groupCommit.enabled()) {
            changeJournal = ChangeJournal.open(config.dataDir(), json);
            RowChangeTrigger.install(database.dataSource());
        }
        Jdbc jdbc = new Jdbc(database.dataSource(), groupCommit, changeJournal);
        ApiKeyService keys =
                new ApiKeyService(new JdbcApiKeyStore(database.dataSource(), jdbc), clock, config.sandbox());
        CreatorService creators = new CreatorService(jdbc, new JdbcCreatorStore(), keys, clock, config.sandbox());
        AssetService assets = new AssetService(
                new JdbcAssetStore(database.dataSource(), jdbc, json),
                clock,
                config.uploadLimits().maxBytes());
        SigningKeys signingKeys = new SigningKeys(
                jdbc,
                signingKeyStore(config, database, jdbc),
                clock,
                config.signingAlgorithm(),
                ReceiptService.RECEIPT_LIFETIME,
                config.sandbox());
        ReceiptSigner signer = new ReceiptSigner(config.issuer());
        Outbox outbox = new Outbox(json, clock);
        // Sandbox webhooks go to loopback receivers on the same machine; elsewhere that needs a flag.
        UrlGuard guard = new UrlGuard(
                config.appOnly()
                        ? UrlGuard.Targets.LOOPBACK_ONLY
                        : config.sandbox() || config.webhooks().allowPrivateTargets()
                                ? UrlGuard.Targets.ANY
                                : UrlGuard.Targets.PUBLIC_ONLY);
        // On H2 a receipt is durable once journaled, not once H2 has written it (decision 0017).
        ReceiptJournal receiptJournal = jdbc.commitsNeedWaiting() ? ReceiptJournal.open(config.dataDir(), json) : null;
        ReceiptService receipts = new ReceiptService(
                jdbc,
                new ReceiptStore(database.dataSource()),
                signingKeys,
                signer,
                new IdempotencyStore(database.dataSource()),
                json,
                outbox,
                clock,
                receiptJournal,
                metrics);
        CheckpointStore checkpointStore = new CheckpointStore(database.dataSource(), jdbc, clock);
        ReceiptLog receiptLog = new ReceiptLog(database.dataSource());
        LogEvidence logEvidence = new LogEvidence(receiptLog, checkpointStore, signingKeys, clock, config.sandbox());
        TrustRoots trustRoots = new TrustRoots(signingKeys, logEvidence, config.issuer(), config.sandbox());
        HostService hosts = new HostService(jdbc, keys, clock);
        UsageStore usageStore = new UsageStore(database.dataSource(), database.dialect(), config.dataDir());
        PeriodGate gate = new PeriodGate(database.dialect());
        // On H2 an ingested batch is durable once journaled, not once H2 has written it (decision 0017).
        UsageJournal usageJournal = jdbc.commitsNeedWaiting() ? UsageJournal.open(config.dataDir(), json) : null;
        IngestionService ingestion = new IngestionService(
                jdbc, usageStore, receipts, assets, hosts, config.usageLimits(), gate, clock, usageJournal, metrics);
        Corrections corrections = new Corrections(jdbc, usageStore, gate, clock);
        BillingServices billing = BillingServices.create(
                database.dataSource(),
                jdbc,
                assets,
                config.payoutPolicy(),
                gate,
                outbox,
                config.sandbox(),
                clock,
                metrics);
        WebhookService webhooks = new WebhookService(jdbc, guard, clock);
        WebhookDispatcher dispatcher = new WebhookDispatcher(jdbc, config.webhooks(), guard, clock, metrics);
        metrics.observe(receiptLog::size, webhooks::backlog, () -> {
            Database.PoolState pool = database.poolState();
            return new PlatformMetrics.PoolFigures(pool.active(), pool.idle(), pool.waiting());
        });
        SandboxBootstrap bootstrap = new SandboxBootstrap(jdbc, keys, creators, assets, hosts, json, clock);
        RateLimiter limiter = new RateLimiter(SANDBOX_RECEIPTS_PER_MINUTE, Duration.ofMinutes(1), clock);
        return new PlatformServices(
                config,
                database,
                jdbc,
                json,
                keys,
                creators,
                assets,
                new UploadGate(config.uploadLimits().maxConcurrent()),
                signingKeys,
                receipts,
                new ClaimValidator(assets, json),
                logEvidence,
                trustRoots,
                new Witnessing(checkpointStore),
                hosts,
                ingestion,
                usageJournal,
                receiptJournal,
                changeJournal,
                changeJournal == null
                        ? null
                        : new JournalMarks(
                                database.dataSource(), List.of(changeJournal, receiptJournal, usageJournal), clock),
                corrections,
                billing,
                webhooks,
                dispatcher,
                bootstrap,
                limiter,
                new Backups(
                        database.dataSource(),
                        database.dialect(),
                        config.dataDir(),
                        clock,
                        journalPositions(receiptJournal, usageJournal, changeJournal)),
                metrics,
                clock);
    }

    /** Where the journals stand, for a backup to record what it lacks (none on PostgreSQL). */
    private static java.util.function.Supplier<Map<String, Long>> journalPositions(
            ReceiptJournal receiptJournal, UsageJournal usageJournal, ChangeJournal changeJournal) {
        if (receiptJournal == null || usageJournal == null || changeJournal == null) {
            return Map::of;
        }
        return () -> Map.of(
                ReceiptJournal.FOLDER, receiptJournal.firstNotSurelyCommitted(),
                UsageJournal.FOLDER, usageJournal.firstNotSurelyCommitted(),
                ChangeJournal.FOLDER, changeJournal.firstNotSurelyCommitted());
    }

    /**
     * The signing-key store, sealing private keys under the key-encryption key (decision 0016):
     * keys a platform from before stored in plaintext are sealed now, and every key is opened once,
     * so a missing or wrong key-encryption key stops the start with a message that names it.
     */
    private static JdbcSigningKeyStore signingKeyStore(PlatformConfig config, Database database, Jdbc jdbc) {
        KeyEncryptionKey kek = KeyEncryptionKey.resolve(
                System.getenv(),
                config.keyEncryptionKeyFile(),
                config.dataDir(),
                !JdbcSigningKeyStore.anySealed(database.dataSource()));
        JdbcSigningKeyStore store = new JdbcSigningKeyStore(database.dataSource(), new PrivateKeySeal(kek));
        int sealed = store.sealPlaintextKeysAndCheckAll(jdbc);
        if (sealed > 0) {
            org.slf4j.LoggerFactory.getLogger(PlatformServices.class)
                    .info("sealed {} signing keys stored in plaintext under key-encryption key {}", sealed, kek.id());
        }
        return store;
    }
}
