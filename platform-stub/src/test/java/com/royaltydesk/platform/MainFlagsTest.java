package com.royaltydesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The flags reach the configuration the platform starts with; flags that cannot work are usage errors. */
class MainFlagsTest {

    @TempDir
    Path dir;

    private final Main main = new Main(new PrintStream(PrintStream.nullOutputStream()));

    private PlatformConfig parse(String... args) {
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    /** Runs the command as {@code main} does and returns its exit code; the error text goes to {@code err}. */
    private int run(StringWriter err, String... args) {
        CommandLine command = Main.commandLine(main);
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void damagedDatabase_refusedInWordsOnStderr_exit78NoStackTrace() throws Exception {
        Path data = dir.resolve("data");
        com.royaltydesk.platform.testutil.Evidence.unpackDamagedH2(data);
        StringWriter err = new StringWriter();

        int exit = run(err, "--sandbox", "--port", "0", "--data-dir", data.toString());

        assertThat(exit).isEqualTo(78);
        assertThat(err.toString())
                .startsWith("Royalty Desk platform cannot start: The platform's database could not be opened")
                .contains("unopenable-")
                .doesNotContain("\tat ");
    }

    @Test
    void uploadFlags_reachTheConfig_outOfRangeIsAUsageError() {
        PlatformConfig config = parse(
                "--data-dir",
                dir.toString(),
                "--max-upload-bytes",
                "1000",
                "--upload-read-timeout",
                "7",
                "--max-concurrent-uploads",
                "3");

        assertThat(config.uploadLimits())
                .isEqualTo(new com.royaltydesk.platform.assets.UploadLimits(1000, java.time.Duration.ofSeconds(7), 3));
        StringWriter err = new StringWriter();
        assertThat(run(err, "--data-dir", dir.toString(), "--max-concurrent-uploads", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("concurrent uploads must be from 1 to 1000");
    }

    @Test
    void backupEvery_dailyByDefault_zeroIsNever_outOfRangeIsAUsageError() {
        assertThat(parse("--data-dir", dir.toString()).backupEvery()).isEqualTo(java.time.Duration.ofDays(1));
        assertThat(parse("--data-dir", dir.toString(), "--backup-every", "PT6H").backupEvery())
                .isEqualTo(java.time.Duration.ofHours(6));
        assertThat(parse("--data-dir", dir.toString(), "--backup-every", "0").backupEvery())
                .isZero();
        for (String bad : new String[] {"PT10S", "P400D", "daily", "-PT1H"}) {
            StringWriter err = new StringWriter();
            assertThat(run(err, "--data-dir", dir.toString(), "--backup-every", bad))
                    .as(bad)
                    .isEqualTo(2);
            assertThat(err.toString()).contains("--backup-every must be 0 or an ISO duration");
        }
    }

    @Test
    void moneyAndWebhookFlags_reachTheConfig() {
        PlatformConfig config = parse(
                "--data-dir",
                dir.toString(),
                "--payout-threshold",
                "25.00",
                "--creator-monthly-cap",
                "1000",
                "--allow-private-webhooks",
                "--webhook-lease",
                "45");

        assertThat(config.payoutPolicy().threshold()).isEqualByComparingTo(new BigDecimal("25.00"));
        assertThat(config.payoutPolicy().monthlyCap()).isEqualByComparingTo(new BigDecimal("1000"));
        assertThat(config.webhooks().allowPrivateTargets()).isTrue();
        assertThat(config.webhooks().lease()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void noFlags_defaults() {
        PlatformConfig config = parse("--data-dir", dir.toString());

        assertThat(config.payoutPolicy()).isEqualTo(PlatformConfig.embedded(dir).payoutPolicy());
        assertThat(config.webhooks().allowPrivateTargets()).isFalse();
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:");
        assertThat(config.databaseLogin().user()).isNull();
    }

    @Test
    void postgresUrl_userFlagAndPasswordFile_loginKeptOutOfUrlAndToString() throws Exception {
        Path passwordFile = dir.resolve("db-password");
        Files.writeString(passwordFile, "s3cret-Pw\n");

        PlatformConfig config = parse(
                "--data-dir",
                dir.toString(),
                "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:5432/royaltydesk",
                "--jdbc-user",
                "platform",
                "--jdbc-password-file",
                passwordFile.toString());

        assertThat(config.databaseLogin().user()).isEqualTo("platform");
        assertThat(config.databaseLogin().password()).isEqualTo("s3cret-Pw");
        assertThat(config.jdbcUrl()).doesNotContain("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void unsupportedDatabaseUrl_usageErrorNamingWhatWorks() {
        StringWriter err = new StringWriter();

        int exit = run(err, "--data-dir", dir.toString(), "--jdbc-url", "jdbc:mysql://db/royalties");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("unsupported database URL", "jdbc:postgresql://");
    }

    @Test
    void webhookLeaseNotLongerThanAnAttempt_usageError() {
        StringWriter err = new StringWriter();

        int exit = run(err, "--data-dir", dir.toString(), "--webhook-lease", "10");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--webhook-lease must be longer than one delivery attempt");
    }

    @Test
    void unreadablePasswordFile_usageError() {
        StringWriter err = new StringWriter();

        int exit = run(
                err,
                "--data-dir",
                dir.toString(),
                "--jdbc-password-file",
                dir.resolve("missing").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read --jdbc-password-file");
    }
}
