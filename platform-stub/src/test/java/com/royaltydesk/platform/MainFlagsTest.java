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
        CommandLine command = new CommandLine(main);
        command.setErr(new PrintWriter(err));
        return command.execute(args);
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
