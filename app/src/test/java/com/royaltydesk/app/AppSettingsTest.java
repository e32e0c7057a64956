package com.royaltydesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.UserDataDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSettingsTest {

    private static final Map<String, String> ENV = Map.of(AppSettings.DATA_DIR_ENV, "/from/env");

    @Test
    void parse_flagAndEnv_flagWins() {
        AppSettings settings = AppSettings.parse(List.of("--data-dir=/from/flag"), ENV);

        assertThat(settings.dataDir()).isEqualTo(Path.of("/from/flag"));
        assertThat(settings.platformDataDir()).isEqualTo(Path.of("/from/flag", "platform"));
    }

    @Test
    void parse_flagAsTwoArguments_accepted() {
        assertThat(AppSettings.parse(List.of("--data-dir", "/two"), Map.of()).dataDir())
                .isEqualTo(Path.of("/two"));
    }

    @Test
    void parse_onlyEnv_envWins() {
        assertThat(AppSettings.parse(List.of(), ENV).dataDir()).isEqualTo(Path.of("/from/env"));
    }

    @Test
    void parse_nothingGiven_perUserFolder() {
        assertThat(AppSettings.parse(List.of(), Map.of()).dataDir()).isEqualTo(UserDataDirectory.resolve());
    }

    @Test
    void parse_demoHistoryOnForUsers_offWhenAskedAndForSettingsATestBuilds() {
        assertThat(AppSettings.parse(List.of(), Map.of()).demoHistory()).isTrue();
        assertThat(AppSettings.parse(List.of("--no-demo-history"), Map.of()).demoHistory())
                .isFalse();
        assertThat(new AppSettings(Path.of("/d")).demoHistory()).isFalse();
    }

    @Test
    void parse_unknownFlag_rejectedWithUsage() {
        assertThatThrownBy(() -> AppSettings.parse(List.of("--dta-dir=/typo"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--dta-dir")
                .hasMessageContaining(AppSettings.USAGE);
    }

    @Test
    void parse_dataDirWithoutValue_rejected() {
        assertThatThrownBy(() -> AppSettings.parse(List.of("--data-dir"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AppSettings.parse(List.of("--data-dir="), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
