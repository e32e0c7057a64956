package com.royaltydesk.app.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountStoreTest {

    @TempDir
    Path dir;

    @Test
    void save_ownerOnlyFileThatLoadsBack() throws Exception {
        AccountStore store = new AccountStore(dir.resolve("app"));
        Account remote = new Account("https://platform.example.com", "creator_7", "rdk_live_creator_secretsecret");

        store.save(remote);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
        assertThat(store.load()).contains(remote);
        assertThat(Files.exists(store.file().resolveSibling(AccountStore.FILE + ".tmp")))
                .isFalse();
    }

    @Test
    void sandboxAccount_noUrlSavedAndNotRemote() throws Exception {
        AccountStore store = new AccountStore(dir);
        store.save(new Account(null, "creator_8", "rdk_test_creator_abc"));

        assertThat(Files.readString(store.file())).doesNotContain("platform_url");
        assertThat(store.load().orElseThrow().remote()).isFalse();
    }

    @Test
    void clear_forgetsTheSignIn() throws Exception {
        AccountStore store = new AccountStore(dir);
        store.save(new Account(null, "creator_8", "rdk_test_creator_abc"));

        store.clear();

        assertThat(store.load()).isEmpty();
    }

    @Test
    void toString_neverShowsTheWholeKey() {
        Account account = new Account(null, "creator_8", "rdk_test_creator_0123456789abcdef");

        assertThat(account.toString()).doesNotContain("0123456789abcdef").contains("rdk_test_creator_0123…");
    }
}
