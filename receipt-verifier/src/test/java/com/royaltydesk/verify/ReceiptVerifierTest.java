package com.royaltydesk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiptVerifierTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final ReceiptVerifier verifier = new ReceiptVerifier(Clock.fixed(NOW, ZoneOffset.UTC));
    private OctetKeyPair edKey;
    private ECKey ecKey;
    private JWKSet jwks;

    @BeforeEach
    void keys() throws Exception {
        edKey = TestKeys.ed25519("ed-1");
        ecKey = TestKeys.p256("ec-1");
        jwks = new JWKSet(java.util.List.of(edKey.toPublicJWK(), ecKey.toPublicJWK()));
    }

    private String validEd() throws Exception {
        return TestKeys.sign(
                edKey, TestKeys.RECEIPT, TestKeys.claims(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(365))));
    }

    @Test
    void verify_validEdDsaReceipt_validWithDecodedParts() throws Exception {
        ReceiptCheck check = verifier.verify(validEd(), jwks);

        assertThat(check.status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(check.kid()).isEqualTo("ed-1");
        assertThat(check.alg()).isEqualTo("EdDSA");
        assertThat(check.receiptId()).isEqualTo("pt_test");
        assertThat(check.payload()).containsEntry("dataset_id", "ds_1");
    }

    @Test
    void verify_validEs256Receipt_valid() throws Exception {
        String jwt = TestKeys.sign(ecKey, TestKeys.RECEIPT, TestKeys.claims(NOW, NOW.plus(Duration.ofDays(1))));

        assertThat(verifier.verify(jwt, jwks).status()).isEqualTo(ReceiptStatus.VERIFIED);
    }

    @Test
    void verify_algNone_unsupportedAlgorithm() throws Exception {
        String[] parts = validEd().split("\\.");
        String header = b64("{\"alg\":\"none\",\"kid\":\"ed-1\",\"typ\":\"rdk-receipt+jwt\"}");

        ReceiptCheck check = verifier.verify(header + "." + parts[1] + ".", jwks);

        assertThat(check.isVerified()).isFalse();
        assertThat(check.status()).isIn(ReceiptStatus.UNSUPPORTED_ALGORITHM, ReceiptStatus.MALFORMED);
    }

    @Test
    void verify_hs256SignedWithThePublicKey_unsupportedAlgorithm() throws Exception {
        // The classic confusion attack: HMAC keyed with the public key the verifier can read.
        byte[] publicKeyBytes = ecKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID("ec-1")
                        .type(TestKeys.RECEIPT)
                        .build(),
                TestKeys.claims(NOW, NOW.plus(Duration.ofDays(1))));
        forged.sign(new MACSigner(publicKeyBytes));

        assertThat(verifier.verify(forged.serialize(), jwks).status()).isEqualTo(ReceiptStatus.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void verify_unknownKid_untrustedSigner() throws Exception {
        String jwt = TestKeys.sign(
                TestKeys.ed25519("stranger"), TestKeys.RECEIPT, TestKeys.claims(NOW, NOW.plusSeconds(3600)));

        assertThat(verifier.verify(jwt, jwks).status()).isEqualTo(ReceiptStatus.UNTRUSTED_SIGNER);
    }

    @Test
    void verify_tamperedPayload_badSignature() throws Exception {
        String[] parts = validEd().split("\\.");
        String payload =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("ds_1", "ds_2");

        ReceiptCheck check = verifier.verify(parts[0] + "." + b64(payload) + "." + parts[2], jwks);

        assertThat(check.status()).isEqualTo(ReceiptStatus.BAD_SIGNATURE);
        assertThat(check.payload()).containsEntry("dataset_id", "ds_2");
    }

    @Test
    void verify_oneCharacterChangedInSignature_badSignature() throws Exception {
        String jwt = validEd();
        int at = jwt.length() - 5;
        String changed = jwt.substring(0, at) + (jwt.charAt(at) == 'A' ? 'B' : 'A') + jwt.substring(at + 1);

        assertThat(verifier.verify(changed, jwks).status()).isEqualTo(ReceiptStatus.BAD_SIGNATURE);
    }

    @Test
    void verify_expired_expired() throws Exception {
        String jwt = TestKeys.sign(
                edKey,
                TestKeys.RECEIPT,
                TestKeys.claims(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1))));

        assertThat(verifier.verify(jwt, jwks).status()).isEqualTo(ReceiptStatus.EXPIRED);
    }

    @Test
    void verify_issuedInTheFuture_expired() throws Exception {
        String jwt = TestKeys.sign(
                edKey, TestKeys.RECEIPT, TestKeys.claims(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1))));

        assertThat(verifier.verify(jwt, jwks).status()).isEqualTo(ReceiptStatus.EXPIRED);
    }

    @Test
    void verify_wrongTyp_wrongType() throws Exception {
        String jwt = TestKeys.sign(edKey, new JOSEObjectType("JWT"), TestKeys.claims(NOW, NOW.plusSeconds(3600)));

        assertThat(verifier.verify(jwt, jwks).status()).isEqualTo(ReceiptStatus.WRONG_TYPE);
    }

    @Test
    void verify_allZeroEs256Signature_badSignature() throws Exception {
        String[] parts = TestKeys.sign(ecKey, TestKeys.RECEIPT, TestKeys.claims(NOW, NOW.plusSeconds(3600)))
                .split("\\.");
        String zeros = Base64URL.encode(new byte[64]).toString();

        assertThat(verifier.verify(parts[0] + "." + parts[1] + "." + zeros, jwks)
                        .status())
                .isEqualTo(ReceiptStatus.BAD_SIGNATURE);
    }

    @Test
    void verify_headerClaimsEdDsaButKidIsTheEcKey_badSignature() throws Exception {
        OctetKeyPair impostor = new com.nimbusds.jose.jwk.OctetKeyPair.Builder(TestKeys.ed25519("x"))
                .keyID("ec-1")
                .build();
        String jwt = TestKeys.sign(impostor, TestKeys.RECEIPT, TestKeys.claims(NOW, NOW.plusSeconds(3600)));

        assertThat(verifier.verify(jwt, jwks).status()).isEqualTo(ReceiptStatus.BAD_SIGNATURE);
    }

    @Test
    void verify_trustedKeyButAnotherIssuer_wrongIssuer() throws Exception {
        com.royaltydesk.verify.testsupport.TestLog log =
                com.royaltydesk.verify.testsupport.TestLog.live(NOW.minusSeconds(3600));
        String jwt = com.royaltydesk.verify.testsupport.TestLog.sign(
                log.receiptKey(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder(log.claims("ds_1", "c", NOW))
                        .issuer("urn:someone-else")
                        .build());
        com.royaltydesk.verify.trust.TrustPolicy policy = com.royaltydesk.verify.trust.TrustPolicy.of(
                com.royaltydesk.verify.trust.TrustRoot.parse(log.trustRoot(), "t"));

        assertThat(verifier.verify(jwt, policy, null).status()).isEqualTo(ReceiptStatus.WRONG_ISSUER);
    }

    @Test
    void verify_notAJwt_malformed() {
        assertThat(verifier.verify("hello", jwks).status()).isEqualTo(ReceiptStatus.MALFORMED);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
