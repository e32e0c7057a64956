package com.royaltydesk.platform;

import com.royaltydesk.platform.assets.UploadLimits;
import com.royaltydesk.platform.backup.Backups;
import com.royaltydesk.platform.billing.PayoutPolicy;
import com.royaltydesk.platform.core.Version;
import com.royaltydesk.platform.db.DatabaseLogin;
import com.royaltydesk.platform.db.Dialect;
import com.royaltydesk.platform.receipts.KeyResealing;
import com.royaltydesk.platform.receipts.SigningAlgorithm;
import com.royaltydesk.platform.webhooks.WebhookSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the platform on its own: {@code java -jar platform-stub.jar [flags]}. */
@Command(
        name = "platform-stub",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Runs the Royalty Desk platform API until stopped (Ctrl+C or SIGTERM).")
public final class Main implements Callable<Integer> {

    @Option(names = "--host", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host = PlatformConfig.DEFAULT_HOST;

    @Option(names = "--port", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(
            names = "--data-dir",
            description = "Folder for the database and keys (default: the per-user application-data folder).")
    Path dataDir;

    @Option(
            names = "--jdbc-url",
            description = "Database URL: jdbc:postgresql://host:port/database, or jdbc:h2:… (default: an H2 file"
                    + " database inside the data dir).")
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            defaultValue = "${env:RDK_JDBC_USER}",
            description = "Database user (default: the RDK_JDBC_USER environment variable).")
    String jdbcUser;

    // The password never comes from a flag, which would put it in shell history and process lists.
    @Option(
            names = "--jdbc-password-file",
            description = "A file holding the database password (default: the RDK_JDBC_PASSWORD environment variable).")
    Path jdbcPasswordFile;

    @Option(
            names = "--key-encryption-key-file",
            description = "The file holding the key that seals signing keys in the database (default: the"
                    + " RDK_KEY_ENCRYPTION_KEY or RDK_KEY_ENCRYPTION_KEY_FILE environment variable, else"
                    + " signing-keys.kek in the data dir, made on first start). Instances sharing a database share it.")
    Path keyEncryptionKeyFile;

    @Option(
            names = "--sandbox",
            negatable = true,
            description = "Sandbox mode: test keys and the public demo endpoints (default: off when run alone).")
    boolean sandbox;

    @Option(
            names = "--demo-history",
            description = "With --sandbox: a new sandbox starts with a year of demo history (assets, receipts, daily"
                    + " usage, settled months, payouts, a void, a released burst, an open dispute). Ignored for a"
                    + " sandbox that exists already.")
    boolean demoHistory;

    @Option(
            names = "--signing-alg",
            description = "Algorithm for new receipt signing keys: EdDSA or ES256 (default: ${DEFAULT-VALUE}).")
    String signingAlgorithm = "EdDSA";

    @Option(
            names = "--cors-origin",
            description = "An origin browsers may call the API from, e.g. https://demos.example.com (repeatable;"
                    + " default: any origin in sandbox mode, none otherwise).")
    java.util.List<String> corsOrigins = new java.util.ArrayList<>();

    @Option(
            names = "--allow-private-webhooks",
            description = "Let webhook endpoints point at loopback or private addresses outside sandbox mode.")
    boolean allowPrivateWebhooks;

    @Option(
            names = "--payout-threshold",
            description = "Balances under this amount roll over to the next period (default: ${DEFAULT-VALUE}).")
    java.math.BigDecimal payoutThreshold = PayoutPolicy.DEFAULTS.threshold();

    @Option(
            names = "--creator-monthly-cap",
            description = "At most this much is paid to a creator per period (default: no cap).")
    java.math.BigDecimal monthlyCap;

    @Option(
            names = "--webhook-lease",
            description = "Seconds one instance may hold a webhook delivery before another instance takes it over"
                    + " (default: ${DEFAULT-VALUE}).")
    long webhookLeaseSeconds = WebhookSettings.DEFAULTS.lease().toSeconds();

    @Option(
            names = "--reseal-under",
            description = "Do not start: seal the signing keys under the key-encryption key in this file (made if"
                    + " missing) instead of the current one, then exit. Stop every instance first; start them"
                    + " with the new key afterwards.")
    Path resealUnder;

    @Option(
            names = "--restore",
            description = "Restore this backup (a royaltydesk-backup-*.zip) into the data dir before starting; the"
                    + " files it replaces are moved aside, never deleted.")
    Path restoreFrom;

    @Option(
            names = "--backup-every",
            description = "How often the platform backs up its own H2 database into backups/ in the data dir, as an ISO"
                    + " duration (PT6H, P1D) between 1 minute and 366 days, or 0 for never (default: P1D). The newest"
                    + " three automatic backups are kept; a damaged database is rebuilt from the newest.")
    String backupEvery = PlatformConfig.DEFAULT_BACKUP_EVERY.toString();

    @Option(
            names = "--max-upload-bytes",
            description = "The largest content upload accepted, at most 1 TiB (default: ${DEFAULT-VALUE}).")
    long maxUploadBytes = UploadLimits.DEFAULTS.maxBytes();

    @Option(
            names = "--upload-read-timeout",
            description = "Seconds an upload may send nothing before it is dropped (default: ${DEFAULT-VALUE}).")
    long uploadReadTimeoutSeconds = UploadLimits.DEFAULTS.readTimeout().toSeconds();

    @Option(
            names = "--max-concurrent-uploads",
            description = "Uploads in flight at once on this instance, 1-1000 (default: ${DEFAULT-VALUE}).")
    int maxConcurrentUploads = UploadLimits.DEFAULTS.maxConcurrent();

    @Option(names = "--issuer", description = "The iss of receipts (default: urn:royaltydesk:platform, or :sandbox).")
    String issuer;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Main(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Main(System.out)).execute(args));
    }

    /** Exit status when the platform refuses to start (sysexits' EX_CONFIG). */
    static final int CANNOT_START = 78;

    /**
     * The command line, with start refusals (a damaged database, a missing key-encryption key, a
     * sandbox database under a live flag) said in words on stderr instead of a stack trace.
     */
    static CommandLine commandLine(Main main) {
        return new CommandLine(main).setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof IllegalStateException) {
                command.getErr().println("Royalty Desk platform cannot start: " + e.getMessage());
                command.getErr().flush();
                return CANNOT_START;
            }
            throw e;
        });
    }

    @Override
    public Integer call() throws InterruptedException {
        PlatformConfig config = config();
        if (resealUnder != null) {
            KeyResealing.Resealed done = KeyResealing.run(config, System.getenv(), resealUnder);
            out.println("Resealed " + done.keys() + " signing keys: from key-encryption key " + done.from() + " to "
                    + done.to() + " (" + done.newKeyFile() + "). Start the platform with"
                    + " --key-encryption-key-file " + done.newKeyFile()
                    + " from now on; keep the old key until you have checked that it starts.");
            out.flush();
            return 0;
        }
        if (restoreFrom != null) {
            Backups.Restored restored = Backups.restore(restoreFrom, config.dataDir(), java.time.Instant.now());
            System.err.println("Restored the backup of " + restored.backupCreatedAt() + " (" + restored.entries()
                    + ") into " + config.dataDir() + "; replaced files moved aside: " + restored.setAside());
        }
        PlatformServer server = PlatformServer.start(config);
        server.rebuilt().ifPresent(words -> System.err.println("Royalty Desk platform: " + words));
        server.demoHistory().ifPresent(made -> System.err.println("Royalty Desk platform: " + made.words()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(server), "platform-shutdown"));
        // The one line on stdout: scripts wait for it and read the URL from it.
        out.println("Royalty Desk platform listening on " + server.baseUrl());
        out.flush();
        stopped.await();
        return 0;
    }

    /** The configuration the parsed flags ask for; a flag value that cannot work is a usage error. */
    PlatformConfig config() {
        // logback.xml picks its appender by this name: any other value would log nothing at all.
        String logFormat = System.getProperty("rdk.log.format", System.getenv().getOrDefault("RDK_LOG_FORMAT", "text"));
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "RDK_LOG_FORMAT (or -Drdk.log.format) must be text or json, not '" + logFormat + "'.");
        }
        Path dir = dataDir != null ? dataDir : UserDataDirectory.resolve().resolve("platform");
        SigningAlgorithm algorithm;
        try {
            algorithm = SigningAlgorithm.parse(signingAlgorithm);
            if (jdbcUrl != null) {
                Dialect.of(jdbcUrl);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (payoutThreshold.signum() < 0 || (monthlyCap != null && monthlyCap.signum() <= 0)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--payout-threshold must be 0 or more and --creator-monthly-cap more than 0");
        }
        WebhookSettings webhooks = WebhookSettings.DEFAULTS.withLease(Duration.ofSeconds(webhookLeaseSeconds));
        if (webhooks.lease().compareTo(webhooks.attemptTimeout()) <= 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--webhook-lease must be longer than one delivery attempt ("
                            + webhooks.attemptTimeout().toSeconds() + " s)");
        }
        UploadLimits uploads;
        try {
            uploads = new UploadLimits(
                    maxUploadBytes, Duration.ofSeconds(uploadReadTimeoutSeconds), maxConcurrentUploads);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PlatformConfig config = new PlatformConfig(host, port, dir, jdbcUrl, sandbox, algorithm, issuer)
                .withBackupEvery(backupInterval())
                .withUploadLimits(uploads)
                .withCorsOrigins(corsOrigins)
                .withPayoutPolicy(new PayoutPolicy(payoutThreshold, monthlyCap))
                .withWebhooks(allowPrivateWebhooks ? webhooks.allowingPrivateTargets() : webhooks)
                .withDatabaseLogin(new DatabaseLogin(blankToNull(jdbcUser), databasePassword()))
                .withKeyEncryptionKeyFile(keyEncryptionKeyFile);
        if (demoHistory) {
            if (!sandbox) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--demo-history needs --sandbox.");
            }
            config = config.withDemoHistory();
        }
        return config;
    }

    private Duration backupInterval() {
        if (backupEvery.equals("0")) {
            return Duration.ZERO;
        }
        try {
            Duration every = Duration.parse(backupEvery);
            if (every.compareTo(Duration.ofMinutes(1)) >= 0 && every.compareTo(Duration.ofDays(366)) <= 0) {
                return every;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // answered below
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "--backup-every must be 0 or an ISO duration between PT1M and P366D (PT6H, P1D), was " + backupEvery);
    }

    private String databasePassword() {
        if (jdbcPasswordFile == null) {
            return blankToNull(System.getenv("RDK_JDBC_PASSWORD"));
        }
        try {
            return Files.readString(jdbcPasswordFile).strip();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "cannot read --jdbc-password-file " + jdbcPasswordFile + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private void shutDown(PlatformServer server) {
        server.close();
        stopped.countDown();
    }

    /** Reports the build version for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Royalty Desk platform " + Version.current()};
        }
    }
}
