package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;

/**
 * Seals a signing private key for the database as a compact JWE (RFC 7516: {@code dir},
 * {@code A256GCM}) under the {@link KeyEncryptionKey}. AES-GCM authenticates the protected header,
 * which names the key's {@code kid} and the key-encryption key's id: a sealed key copied into
 * another key's row, or opened under another key-encryption key, is refused with a message that
 * says which. Any JOSE library can open it, given the key-encryption key (recovery needs no code
 * of ours).
 */
public final class PrivateKeySeal {

    private static final String KEK_PARAM = "rdk_kek";

    private final KeyEncryptionKey kek;

    public PrivateKeySeal(KeyEncryptionKey kek) {
        this.kek = kek;
    }

    /** Whether a stored value is sealed (a compact JWE) rather than a plaintext JWK from before sealing. */
    public static boolean isSealed(String stored) {
        return !stored.stripLeading().startsWith("{");
    }

    public String seal(String kid, JWK privateJwk) {
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(kid)
                .customParam(KEK_PARAM, kek.id())
                .build();
        JWEObject jwe = new JWEObject(header, new Payload(privateJwk.toJSONString()));
        try {
            jwe.encrypt(new DirectEncrypter(kek.key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("AES-256-GCM is part of every JDK", e);
        }
        return jwe.serialize();
    }

    /** The private key stored for {@code kid}: opened if sealed, parsed if from before sealing. */
    public JWK open(String kid, String stored) {
        try {
            if (!isSealed(stored)) {
                return JWK.parse(stored);
            }
            JWEObject jwe = JWEObject.parse(stored);
            if (!kid.equals(jwe.getHeader().getKeyID())) {
                throw new IllegalStateException("The sealed private key stored for signing key " + kid
                        + " was sealed for another key (" + jwe.getHeader().getKeyID()
                        + "); the database was altered. Restore it from a backup.");
            }
            Object sealedUnder = jwe.getHeader().getCustomParam(KEK_PARAM);
            try {
                jwe.decrypt(new DirectDecrypter(kek.key()));
            } catch (JOSEException e) {
                if (kek.id().equals(sealedUnder)) {
                    throw new IllegalStateException("The sealed private key of signing key " + kid
                            + " does not open under the key-encryption key it names: it was altered."
                            + " Restore the database from a backup.");
                }
                throw new IllegalStateException("Signing key " + kid + " is sealed under key-encryption key "
                        + sealedUnder + ", but this platform holds " + kek.id() + " (from " + kek.source()
                        + "). Start it with the key-encryption key this database was sealed with.");
            }
            return JWK.parse(jwe.getPayload().toString());
        } catch (ParseException e) {
            throw new IllegalStateException("The stored private key of signing key " + kid + " is unreadable.", e);
        }
    }
}
