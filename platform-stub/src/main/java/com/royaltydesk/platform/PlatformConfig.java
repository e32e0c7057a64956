package com.royaltydesk.platform;

import com.royaltydesk.platform.assets.UploadLimits;
import com.royaltydesk.platform.billing.PayoutPolicy;
import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.db.DatabaseLogin;
import com.royaltydesk.platform.http.BrowserAccess;
import com.royaltydesk.platform.receipts.KeyResealing;
import com.royaltydesk.platform.receipts.SigningAlgorithm;
import com.royaltydesk.platform.usage.UsageLimits;
import com.royaltydesk.platform.webhooks.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a platform instance needs to start. Immutable; built by {@link Main} from flags or by
 * the desktop app for its embedded sandbox.
 *
 * @param host interface to bind, loopback unless told otherwise
 * @param port TCP port; 0 picks a free one
 * @param dataDir folder for the H2 database, its journals and backups, the key-encryption key file
 *     (unless elsewhere), sandbox credentials and the first platform key
 * @param jdbcUrl database URL; H2 inside {@code dataDir} unless given
 * @param sandbox whether sandbox-only behaviour (test keys, public demo endpoints) is on
 * @param signingAlgorithm algorithm for new signing keys (EdDSA unless told otherwise)
 * @param issuer the {@code iss} of receipts and checkpoints
 * @param usageLimits ingestion bounds and anti-fraud limits
 * @param payoutPolicy payout threshold and per-creator monthly cap
 * @param webhooks webhook retry and target rules
 * @param corsOrigins origins browsers may call the API from; empty means any origin in sandbox
 *     mode and none otherwise
 * @param databaseLogin user and password for a database that needs them (PostgreSQL)
 * @param appOnly embedded in the desktop app: answers only its own loopback origin and {@code Host},
 *     sends webhooks only to loopback (decision 0016)
 * @param uploadLimits content upload size cap, read timeout and concurrency cap
 * @param backupEvery how often the platform backs up its own H2 database (zero: never; null: daily)
 * @param keyEncryptionKeyFile the file holding the key that seals signing keys in the database;
 *     null: {@code RDK_KEY_ENCRYPTION_KEY(_FILE)} or {@code signing-keys.kek} in {@code dataDir}
 *     ({@link com.royaltydesk.platform.receipts.KeyEncryptionKey})
 * @param demoHistory sandbox only: a new sandbox starts with a year of demo history
 *     ({@link com.royaltydesk.platform.sandbox.DemoHistory}, decision 0020)
 */
public record PlatformConfig(
        String host,
        int port,
        Path dataDir,
        String jdbcUrl,
        boolean sandbox,
        SigningAlgorithm signingAlgorithm,
        String issuer,
        UsageLimits usageLimits,
        PayoutPolicy payoutPolicy,
        WebhookSettings webhooks,
        List<String> corsOrigins,
        DatabaseLogin databaseLogin,
        boolean appOnly,
        Path keyEncryptionKeyFile,
        UploadLimits uploadLimits,
        Duration backupEvery,
        boolean demoHistory)
        implements BrowserAccess.Settings, KeyResealing.Settings {

    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The largest request body any endpoint accepts; larger ones get 413. */
    public static final long MAX_REQUEST_BYTES = 2L * 1024 * 1024;

    public PlatformConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            jdbcUrl = defaultJdbcUrl(dataDir);
        }
        if (signingAlgorithm == null) {
            signingAlgorithm = SigningAlgorithm.EDDSA;
        }
        if (issuer == null || issuer.isBlank()) {
            issuer = sandbox ? "urn:royaltydesk:sandbox" : "urn:royaltydesk:platform";
        }
        if (usageLimits == null) {
            usageLimits = UsageLimits.DEFAULTS;
        }
        if (payoutPolicy == null) {
            payoutPolicy = PayoutPolicy.DEFAULTS;
        }
        if (webhooks == null) {
            webhooks = WebhookSettings.DEFAULTS;
        }
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        if (databaseLogin == null) {
            databaseLogin = DatabaseLogin.NONE;
        }
        if (uploadLimits == null) {
            uploadLimits = UploadLimits.DEFAULTS;
        }
        if (backupEvery == null) {
            backupEvery = DEFAULT_BACKUP_EVERY;
        }
        if (demoHistory && !sandbox) {
            throw new IllegalArgumentException("demo history is for a sandbox only");
        }
        if (backupEvery.isNegative()) {
            throw new IllegalArgumentException("backupEvery must be zero (never) or more, was " + backupEvery);
        }
    }

    /** How often a platform on its own H2 file backs itself up unless told otherwise (decision 0017). */
    public static final Duration DEFAULT_BACKUP_EVERY = Duration.ofDays(1);

    /** Default usage limits. */
    public PlatformConfig(
            String host,
            int port,
            Path dataDir,
            String jdbcUrl,
            boolean sandbox,
            SigningAlgorithm signingAlgorithm,
            String issuer) {
        this(
                host,
                port,
                dataDir,
                jdbcUrl,
                sandbox,
                signingAlgorithm,
                issuer,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                false);
    }

    /** Defaults for the signing algorithm (EdDSA) and issuer. */
    public PlatformConfig(String host, int port, Path dataDir, String jdbcUrl, boolean sandbox) {
        this(
                host, port, dataDir, jdbcUrl, sandbox, null, null, null, null, null, null, null, false, null, null,
                null, false);
    }

    public PlatformConfig withUsageLimits(UsageLimits limits) {
        return changed(c -> c.usageLimits = limits);
    }

    public PlatformConfig withPayoutPolicy(PayoutPolicy policy) {
        return changed(c -> c.payoutPolicy = policy);
    }

    public PlatformConfig withWebhooks(WebhookSettings settings) {
        return changed(c -> c.webhooks = settings);
    }

    public PlatformConfig withCorsOrigins(List<String> origins) {
        return changed(c -> c.corsOrigins = origins);
    }

    public PlatformConfig withDatabaseLogin(DatabaseLogin login) {
        return changed(c -> c.databaseLogin = login);
    }

    /** Backs the database up this often (zero: never). */
    public PlatformConfig withBackupEvery(Duration every) {
        return changed(c -> c.backupEvery = every);
    }

    public PlatformConfig withUploadLimits(UploadLimits limits) {
        return changed(c -> c.uploadLimits = limits);
    }

    /** Seals signing keys under the key in {@code file} (several instances on one database share it). */
    public PlatformConfig withKeyEncryptionKeyFile(Path file) {
        return changed(c -> c.keyEncryptionKeyFile = file);
    }

    /** A new sandbox starts with a year of demo history (decision 0020). */
    public PlatformConfig withDemoHistory() {
        return changed(c -> c.demoHistory = true);
    }

    /** Runs on another database (PostgreSQL), logging in as {@code login}. */
    public PlatformConfig withDatabase(String url, DatabaseLogin login) {
        return changed(c -> {
            c.jdbcUrl = url;
            c.databaseLogin = login;
        });
    }

    /** This configuration with {@code change} applied to a copy of its fields. */
    private PlatformConfig changed(java.util.function.Consumer<Fields> change) {
        Fields c = new Fields(this);
        change.accept(c);
        return new PlatformConfig(
                c.host,
                c.port,
                c.dataDir,
                c.jdbcUrl,
                c.sandbox,
                c.signingAlgorithm,
                c.issuer,
                c.usageLimits,
                c.payoutPolicy,
                c.webhooks,
                c.corsOrigins,
                c.databaseLogin,
                c.appOnly,
                c.keyEncryptionKeyFile,
                c.uploadLimits,
                c.backupEvery,
                c.demoHistory);
    }

    /** The record's fields, mutable, for {@link #changed}. */
    private static final class Fields {
        String host;
        int port;
        Path dataDir;
        String jdbcUrl;
        boolean sandbox;
        SigningAlgorithm signingAlgorithm;
        String issuer;
        UsageLimits usageLimits;
        PayoutPolicy payoutPolicy;
        WebhookSettings webhooks;
        List<String> corsOrigins;
        DatabaseLogin databaseLogin;
        boolean appOnly;
        Path keyEncryptionKeyFile;
        UploadLimits uploadLimits;
        Duration backupEvery;
        boolean demoHistory;

        Fields(PlatformConfig from) {
            demoHistory = from.demoHistory;
            backupEvery = from.backupEvery;
            uploadLimits = from.uploadLimits;
            keyEncryptionKeyFile = from.keyEncryptionKeyFile;
            appOnly = from.appOnly;
            host = from.host;
            port = from.port;
            dataDir = from.dataDir;
            jdbcUrl = from.jdbcUrl;
            sandbox = from.sandbox;
            signingAlgorithm = from.signingAlgorithm;
            issuer = from.issuer;
            usageLimits = from.usageLimits;
            payoutPolicy = from.payoutPolicy;
            webhooks = from.webhooks;
            corsOrigins = from.corsOrigins;
            databaseLogin = from.databaseLogin;
        }
    }

    /** The configuration the desktop app uses: loopback, a free port, sandbox on, the app's alone. */
    public static PlatformConfig embedded(Path dataDir) {
        return new PlatformConfig(DEFAULT_HOST, 0, dataDir, null, true).changed(c -> c.appOnly = true);
    }

    /** The platform's default database: the H2 file in {@code dataDir} ({@link Database#h2FileUrl}). */
    public static String defaultJdbcUrl(Path dataDir) {
        return Database.h2FileUrl(dataDir);
    }
}
