package com.royaltydesk.platform.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.royaltydesk.platform.testutil.NoDatabase;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The receipts' Ed25519 signer against code we did not write: RFC 8032's published vectors, and
 * Nimbus's own signer (Tink underneath), which must give the very same bytes — Ed25519 signatures
 * are deterministic, so any difference is a bug on one side.
 */
@Tag(NoDatabase.TAG)
class Ed25519JwsSignerTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final JWSHeader HEADER = new JWSHeader(JWSAlgorithm.EdDSA);

    /** RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte). */
    private static final String[][] RFC8032 = {
        {
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        },
        {
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        }
    };

    private static OctetKeyPair key(byte[] privateKey, byte[] publicKey) {
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(publicKey))
                .d(Base64URL.encode(privateKey))
                .build();
    }

    @Test
    void rfc8032Vectors_signedAsPublished() {
        for (String[] vector : RFC8032) {
            Ed25519JwsSigner signer = new Ed25519JwsSigner(key(HEX.parseHex(vector[0]), HEX.parseHex(vector[1])));

            Base64URL signature = signer.sign(HEADER, HEX.parseHex(vector[2]));

            assertThat(HEX.formatHex(signature.decode())).isEqualTo(vector[3]);
        }
    }

    @Test
    void generatedKeysAndMessages_theSameBytesAsNimbusSigner_andNimbusVerifies() throws Exception {
        Random random = new Random(26);
        for (int k = 0; k < 8; k++) {
            OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).generate();
            Ed25519JwsSigner ours = new Ed25519JwsSigner(key);
            Ed25519Signer nimbus = new Ed25519Signer(key);
            Ed25519Verifier verifier = new Ed25519Verifier(key.toPublicJWK());
            for (int m = 0; m < 8; m++) {
                byte[] message = new byte[random.nextInt(2048)];
                random.nextBytes(message);

                Base64URL signature = ours.sign(HEADER, message);

                assertThat(signature).isEqualTo(nimbus.sign(HEADER, message));
                assertThat(verifier.verify(HEADER, message, signature)).isTrue();
            }
        }
    }

    @Test
    void aKeyWhosePublicHalfIsNotItsPrivateHalfs_isRefused() throws Exception {
        OctetKeyPair one = new OctetKeyPairGenerator(Curve.Ed25519).generate();
        OctetKeyPair other = new OctetKeyPairGenerator(Curve.Ed25519).generate();

        assertThatThrownBy(() -> new Ed25519JwsSigner(key(one.getDecodedD(), other.getDecodedX())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("public half");
    }

    @Test
    void aPublicKeyAlone_isRefused() throws Exception {
        OctetKeyPair publicOnly =
                new OctetKeyPairGenerator(Curve.Ed25519).generate().toPublicJWK();

        assertThatThrownBy(() -> new Ed25519JwsSigner(publicOnly)).isInstanceOf(IllegalArgumentException.class);
    }
}
