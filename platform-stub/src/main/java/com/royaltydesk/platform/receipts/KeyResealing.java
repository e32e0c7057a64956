package com.royaltydesk.platform.receipts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.db.DatabaseLogin;
import com.royaltydesk.platform.db.GroupCommit;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.journal.ChangeJournal;
import com.royaltydesk.platform.journal.RowChangeTrigger;
import java.nio.file.Path;
import java.util.Map;

/**
 * Moves a stopped platform's signing keys to a new key-encryption key: each key is opened with the
 * current one (from the usual places) and sealed under the key in {@code newKeyFile}, made there if
 * the file does not exist yet. All keys move in one transaction. Every instance on the database must
 * be stopped first, and started afterwards with the new key (decision 0016). On the platform's own
 * H2 file the move goes into the change journal too, so a rebuild from an older backup ends with the
 * keys sealed under the new key (decision 0017).
 */
public final class KeyResealing {

    /** What was done, for the operator. */
    public record Resealed(int keys, String from, String to, Path newKeyFile) {}

    /** Where the keys are and what seals them today; the platform's configuration is one. */
    public interface Settings {
        String jdbcUrl();

        DatabaseLogin databaseLogin();

        Path keyEncryptionKeyFile();

        Path dataDir();
    }

    private KeyResealing() {}

    public static Resealed run(Settings config, Map<String, String> env, Path newKeyFile) {
        try (Database database = Database.open(config.jdbcUrl(), config.databaseLogin())) {
            KeyEncryptionKey current = KeyEncryptionKey.resolve(
                    env,
                    config.keyEncryptionKeyFile(),
                    config.dataDir(),
                    !JdbcSigningKeyStore.anySealed(database.dataSource()));
            KeyEncryptionKey next = KeyEncryptionKey.resolve(Map.of(), newKeyFile, config.dataDir(), true);
            if (next.id().equals(current.id())) {
                throw new IllegalStateException(
                        "The new key-encryption key in " + newKeyFile + " is the one in use (" + current.id() + ").");
            }
            GroupCommit groupCommit = GroupCommit.forUrl(database.dataSource(), config.jdbcUrl());
            try (ChangeJournal changes =
                    groupCommit.enabled() ? ChangeJournal.open(config.dataDir(), new ObjectMapper()) : null) {
                if (changes != null) {
                    RowChangeTrigger.install(database.dataSource());
                }
                Jdbc jdbc = new Jdbc(database.dataSource(), groupCommit, changes);
                JdbcSigningKeyStore store = new JdbcSigningKeyStore(database.dataSource(), new PrivateKeySeal(current));
                store.sealPlaintextKeysAndCheckAll(jdbc);
                int keys = store.resealAll(jdbc, new PrivateKeySeal(next));
                return new Resealed(keys, current.id(), next.id(), newKeyFile);
            }
        }
    }
}
