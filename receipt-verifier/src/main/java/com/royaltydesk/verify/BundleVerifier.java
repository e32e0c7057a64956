package com.royaltydesk.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Verifies a receipt bundle (SPEC §2) completely offline: the receipt against the bundle's JWKS,
 * the signed checkpoint, the leaf hash of the receipt bytes, and the inclusion proof against the
 * checkpoint's root. Needs no network and trusts nothing in the bundle it has not checked.
 */
public final class BundleVerifier {

    public static final JOSEObjectType CHECKPOINT_TYPE = new JOSEObjectType("rdk-checkpoint+jwt");
    private static final String FORMAT = "rdk-receipt-bundle/1";

    private final ReceiptVerifier receipts;
    private final ObjectMapper json = new ObjectMapper();

    public BundleVerifier(ReceiptVerifier receipts) {
        this.receipts = receipts;
    }

    /** Checks the bundle with the keys it carries: for a bundle on its own, with no network. */
    public BundleReport verify(String bundleJson) {
        return verify(bundleJson, null);
    }

    /**
     * Checks the bundle's receipt, checkpoint and proof against {@code platformKeys} — the platform's
     * JWKS as the caller fetched it — instead of the keys the bundle carries; null means the bundle's.
     */
    public BundleReport verify(String bundleJson, JWKSet platformKeys) {
        List<BundleReport.Check> checks = new ArrayList<>();
        JsonNode bundle;
        JWKSet jwks;
        try {
            bundle = json.readTree(bundleJson);
            jwks = platformKeys != null
                    ? platformKeys
                    : JWKSet.parse(json.convertValue(bundle.path("jwks"), Map.class));
        } catch (JsonProcessingException | ParseException | IllegalArgumentException e) {
            checks.add(new BundleReport.Check("bundle is readable", false, "not a receipt bundle: " + e.getMessage()));
            return new BundleReport(ReceiptStatus.MALFORMED, null, checks);
        }
        checks.add(new BundleReport.Check(
                "bundle format",
                FORMAT.equals(bundle.path("format").asText()),
                "format " + bundle.path("format").asText()));
        checks.add(new BundleReport.Check(
                platformKeys != null ? "keys from the platform's JWKS" : "keys in bundle",
                !jwks.getKeys().isEmpty(),
                jwks.getKeys().size() + " key(s)"));

        String jwt = bundle.path("receipt_jwt").asText();
        ReceiptCheck receipt = receipts.verify(jwt, jwks);
        checks.add(new BundleReport.Check(
                "receipt signature, key, type and validity", receipt.isValid(), receipt.detail()));

        Checkpoint checkpoint = checkpoint(bundle.path("checkpoint"), jwks, checks);
        boolean inLog = checkpoint != null && inclusion(jwt, bundle.path("inclusion_proof"), checkpoint, checks);

        ReceiptStatus status =
                !receipt.isValid() ? receipt.status() : inLog ? ReceiptStatus.VALID : ReceiptStatus.NOT_IN_LOG;
        boolean everythingPassed = checks.stream().allMatch(BundleReport.Check::passed);
        if (status == ReceiptStatus.VALID && !everythingPassed) {
            status = ReceiptStatus.MALFORMED;
        }
        return new BundleReport(status, receipt, List.copyOf(checks));
    }

    private record Checkpoint(long treeSize, byte[] rootHash) {}

    private static Checkpoint checkpoint(JsonNode node, JWKSet jwks, List<BundleReport.Check> checks) {
        try {
            SignedJWT jws = SignedJWT.parse(node.path("jws").asText());
            SignatureCheck.Outcome signature = SignatureCheck.verify(jws, jwks);
            boolean typeOk = CHECKPOINT_TYPE.equals(jws.getHeader().getType());
            checks.add(new BundleReport.Check(
                    "checkpoint signature",
                    signature.ok() && typeOk,
                    typeOk ? signature.detail() : "not a checkpoint JWS"));
            if (!signature.ok() || !typeOk) {
                return null;
            }
            JWTClaimsSet claims = jws.getJWTClaimsSet();
            long size = claims.getLongClaim("tree_size");
            String root = claims.getStringClaim("root_hash");
            // The unsigned copies beside the JWS must say the same as the signed payload.
            boolean matches = size == node.path("tree_size").asLong(-1)
                    && root.equals(node.path("root_hash").asText());
            checks.add(new BundleReport.Check(
                    "checkpoint fields match its signature", matches, "tree size " + size + ", root " + root));
            return matches ? new Checkpoint(size, HexFormat.of().parseHex(root)) : null;
        } catch (ParseException | RuntimeException e) {
            checks.add(
                    new BundleReport.Check("checkpoint signature", false, "unreadable checkpoint: " + e.getMessage()));
            return null;
        }
    }

    private static boolean inclusion(
            String jwt, JsonNode proof, Checkpoint checkpoint, List<BundleReport.Check> checks) {
        try {
            byte[] leaf = MerkleProofs.leafHash(jwt.getBytes(StandardCharsets.US_ASCII));
            String stated = proof.path("leaf_hash").asText(null);
            if (stated != null) {
                boolean same = HexFormat.of().formatHex(leaf).equals(stated);
                checks.add(new BundleReport.Check(
                        "leaf hash of the receipt bytes",
                        same,
                        "SHA-256(0x00 ‖ receipt) = " + HexFormat.of().formatHex(leaf)));
            }
            long index = proof.path("log_index").asLong(-1);
            long size = proof.path("tree_size").asLong(-1);
            List<byte[]> hashes = new ArrayList<>();
            proof.path("hashes").forEach(h -> hashes.add(HexFormat.of().parseHex(h.asText())));
            boolean sameTree = size == checkpoint.treeSize();
            boolean included =
                    sameTree && MerkleProofs.verifyInclusion(leaf, index, size, hashes, checkpoint.rootHash());
            checks.add(new BundleReport.Check(
                    "inclusion proof against the checkpoint root",
                    included,
                    sameTree
                            ? "entry " + index + " of " + size
                                    + (included ? " is in the log" : " is NOT proven in the log")
                            : "proof is for tree size " + size + ", checkpoint is " + checkpoint.treeSize()));
            return included;
        } catch (IllegalArgumentException e) {
            checks.add(new BundleReport.Check(
                    "inclusion proof against the checkpoint root", false, "unreadable proof: " + e.getMessage()));
            return false;
        }
    }
}
