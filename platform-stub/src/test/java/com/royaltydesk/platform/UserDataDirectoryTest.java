package com.royaltydesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(NoDatabase.TAG)
class UserDataDirectoryTest {

    @Test
    void resolve_windowsWithAppData_usesAppData() {
        Path dir = UserDataDirectory.resolve("Windows 11", "/home/u", Map.of("APPDATA", "/appdata"));

        assertThat(dir).isEqualTo(Path.of("/appdata", "RoyaltyDesk"));
    }

    @Test
    void resolve_windowsWithoutAppData_fallsBackToRoamingUnderHome() {
        Path dir = UserDataDirectory.resolve("Windows 10", "/home/u", Map.of());

        assertThat(dir).isEqualTo(Path.of("/home/u", "AppData", "Roaming", "RoyaltyDesk"));
    }

    @Test
    void resolve_macOs_usesApplicationSupport() {
        Path dir = UserDataDirectory.resolve("Mac OS X", "/Users/u", Map.of("XDG_DATA_HOME", "/ignored"));

        assertThat(dir).isEqualTo(Path.of("/Users/u", "Library", "Application Support", "RoyaltyDesk"));
    }

    @Test
    void resolve_linuxWithXdg_usesXdgDataHome() {
        Path dir = UserDataDirectory.resolve("Linux", "/home/u", Map.of("XDG_DATA_HOME", "/xdg"));

        assertThat(dir).isEqualTo(Path.of("/xdg", "royalty-desk"));
    }

    @Test
    void resolve_linuxBlankXdg_usesLocalShare() {
        Path dir = UserDataDirectory.resolve("Linux", "/home/u", Map.of("XDG_DATA_HOME", " "));

        assertThat(dir).isEqualTo(Path.of("/home/u", ".local", "share", "royalty-desk"));
    }
}
