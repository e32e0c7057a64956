package com.royaltydesk.platform.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWEObject;
import com.royaltydesk.platform.journal.RowChanges;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.verify.ReceiptStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing private keys are sealed in the database under a key-encryption key kept outside it; a
 * database reader holds nothing it can sign with, and a wrong, missing or shuffled key stops the
 * start with a message that names the problem.
 */
class SigningKeySealingHttpTest {

    @TempDir
    Path dataDir;

    private RunningPlatform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private Path kekFile() {
        return dataDir.resolve(KeyEncryptionKey.FILE_NAME);
    }

    /** kid → stored private_jwk, as a reader of the database sees them. */
    private Map<String, String> storedPrivateKeys() throws Exception {
        Map<String, String> stored = new LinkedHashMap<>();
        try (Connection c = platform.openDatabaseConnection();
                PreparedStatement s = c.prepareStatement("SELECT kid, private_jwk FROM signing_keys ORDER BY kid");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                stored.put(r.getString(1), r.getString(2));
            }
        }
        return stored;
    }

    /** What an older platform stored, or an attacker: behind the API's back, so no journal carries it. */
    private void store(String kid, String privateJwk) throws Exception {
        try (var setUp = RowChanges.unjournaled();
                Connection c = platform.openDatabaseConnection();
                PreparedStatement s = c.prepareStatement("UPDATE signing_keys SET private_jwk = ? WHERE kid = ?")) {
            s.setString(1, privateJwk);
            s.setString(2, kid);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void database_holdsOnlySealedKeys_kekFileOwnerOnlyOutsideIt() throws Exception {
        platform = RunningPlatform.start(dataDir);
        Receipts.record(platform, "m");

        Map<String, String> stored = storedPrivateKeys();

        assertThat(stored).isNotEmpty();
        stored.forEach((kid, value) -> {
            assertThat(value).doesNotContain("\"d\"").doesNotStartWith("{");
            try {
                JWEObject jwe = JWEObject.parse(value);
                assertThat(jwe.getHeader().getKeyID()).isEqualTo(kid);
                assertThat(jwe.getHeader().getEncryptionMethod().getName()).isEqualTo("A256GCM");
            } catch (java.text.ParseException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kekFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void plaintextKeysOfAnOlderPlatform_sealedAtStart_oldReceiptsStillVerify() throws Exception {
        platform = RunningPlatform.start(dataDir);
        JsonNode before = Receipts.record(platform, "m");
        PrivateKeySeal seal = new PrivateKeySeal(KeyEncryptionKey.resolve(Map.of(), null, dataDir, false));
        for (var key : storedPrivateKeys().entrySet()) {
            store(key.getKey(), seal.open(key.getKey(), key.getValue()).toJSONString());
        }
        assertThat(storedPrivateKeys().values()).allMatch(v -> v.startsWith("{"));
        platform.close();

        platform = RunningPlatform.start(dataDir);
        JsonNode after = Receipts.record(platform, "m");

        assertThat(storedPrivateKeys().values()).noneMatch(v -> v.startsWith("{"));
        assertThat(after.path("kid").asText()).isEqualTo(before.path("kid").asText());
        assertThat(Receipts.verify(platform, before.path("receipt_jwt").asText())
                        .status())
                .isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(Receipts.verify(platform, after.path("receipt_jwt").asText()).status())
                .isEqualTo(ReceiptStatus.VERIFIED);
    }

    @Test
    void anotherKeyEncryptionKey_startRefusedNamingBoth() throws Exception {
        platform = RunningPlatform.start(dataDir);
        Receipts.record(platform, "m");
        platform.close();
        platform = null;
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        Files.writeString(kekFile(), Base64.getUrlEncoder().withoutPadding().encodeToString(other));

        assertThatThrownBy(() -> platform = RunningPlatform.start(dataDir))
                .hasStackTraceContaining("is sealed under key-encryption key kek-")
                .hasStackTraceContaining(kekFile().toString());
    }

    @Test
    void keyEncryptionKeyFileGone_startRefused_noNewKeyMade() throws Exception {
        platform = RunningPlatform.start(dataDir);
        platform.close();
        platform = null;
        Files.delete(kekFile());

        assertThatThrownBy(() -> platform = RunningPlatform.start(dataDir))
                .hasStackTraceContaining("key-encryption key file " + kekFile() + " is missing");
        assertThat(kekFile()).doesNotExist();
    }

    @Test
    void sealedKeyCopiedIntoAnotherKeysRow_startRefused() throws Exception {
        platform = RunningPlatform.start(dataDir);
        Receipts.record(platform, "m"); // receipts and checkpoint keys exist now
        List<Map.Entry<String, String>> keys =
                new ArrayList<>(storedPrivateKeys().entrySet());
        assertThat(keys).hasSizeGreaterThanOrEqualTo(2);
        store(keys.get(1).getKey(), keys.get(0).getValue());
        platform.close();
        platform = null;

        assertThatThrownBy(() -> platform = RunningPlatform.start(dataDir))
                .hasStackTraceContaining("was sealed for another key");
    }

    @Test
    void sealedKeyAltered_startRefused() throws Exception {
        platform = RunningPlatform.start(dataDir);
        Receipts.record(platform, "m");
        var key = storedPrivateKeys().entrySet().iterator().next();
        String[] parts = key.getValue().split("\\.");
        char last = parts[3].charAt(0);
        parts[3] = (last == 'A' ? 'B' : 'A') + parts[3].substring(1); // one ciphertext character
        store(key.getKey(), String.join(".", parts));
        platform.close();
        platform = null;

        assertThatThrownBy(() -> platform = RunningPlatform.start(dataDir)).hasStackTraceContaining("it was altered");
    }

    @Test
    void resealUnderANewKey_keysMoveAllAtOnce_theOldKeyNoLongerOpensThem() throws Exception {
        platform = RunningPlatform.start(dataDir);
        JsonNode before = Receipts.record(platform, "m");
        platform.close();
        platform = null;
        Path newKey = dataDir.resolveSibling(dataDir.getFileName() + "-new.kek");
        var config = com.royaltydesk.platform.testutil.TestDatabase.adapt(
                new com.royaltydesk.platform.PlatformConfig("127.0.0.1", 0, dataDir, null, true));

        KeyResealing.Resealed done = KeyResealing.run(config, Map.of(), newKey);

        assertThat(done.keys()).isGreaterThanOrEqualTo(2);
        assertThat(done.to()).isNotEqualTo(done.from());
        assertThatThrownBy(() -> platform = RunningPlatform.start(dataDir))
                .hasStackTraceContaining("is sealed under key-encryption key " + done.to());
        platform = RunningPlatform.start(config.withKeyEncryptionKeyFile(newKey));
        JsonNode after = Receipts.record(platform, "m");
        assertThat(after.path("kid").asText()).isEqualTo(before.path("kid").asText());
        assertThat(Receipts.verify(platform, after.path("receipt_jwt").asText()).status())
                .isEqualTo(ReceiptStatus.VERIFIED);
    }

    @Test
    void environmentValue_winsOverTheFile_andMustBe32Bytes() throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        KeyEncryptionKey fromEnv =
                KeyEncryptionKey.resolve(Map.of(KeyEncryptionKey.ENV_VALUE, value), null, dataDir, true);

        assertThat(fromEnv.source()).isEqualTo(KeyEncryptionKey.ENV_VALUE);
        assertThat(kekFile()).doesNotExist();
        assertThatThrownBy(() -> KeyEncryptionKey.resolve(
                        Map.of(KeyEncryptionKey.ENV_VALUE, value.substring(0, 20)), null, dataDir, true))
                .hasMessageContaining("must be 32 bytes");
    }
}
