package com.royaltydesk.platform.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.royaltydesk.verify.BundleVerifier;
import com.royaltydesk.verify.ReceiptCheck;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.ReceiptVerifier;
import com.royaltydesk.verify.state.FileCheckpointMemory;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.WitnessPolicy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Proof-of-training bodies and independent checks of what the platform returns. */
public final class Receipts {

    public static final String ARTIFACT = "sha256:" + "ab".repeat(32);

    private Receipts() {}

    public static String proofJson(String datasetId, String creatorId, String modelId) {
        return """
                {"dataset_id":"%s","creator_id":"%s","model_id":"%s","artifact_hash":"%s",
                 "evidence":{"slice":"first-1k-rows-hash"},"metadata":{"license":"cc-by-4.0","portion_used":0.12}}""".formatted(datasetId, creatorId, modelId, ARTIFACT);
    }

    /** Records proof-of-training for the sandbox demo dataset of creator_42 and returns the answer. */
    public static JsonNode record(RunningPlatform platform, String modelId) throws Exception {
        HttpResponse<String> response = platform.json(
                "POST",
                "/v1/proof-of-training",
                platform.platformKey(),
                proofJson("ds_sandbox_demo", "creator_42", modelId));
        if (response.statusCode() != 201) {
            throw new AssertionError("proof-of-training failed: " + response.body());
        }
        return RunningPlatform.body(response);
    }

    /** A fresh creator, one asset of theirs with {@code priceModelJson}, and a receipt for it. */
    public record CreatorReceipt(String creatorId, String creatorKey, String assetId, String receiptId) {}

    public static CreatorReceipt forNewCreator(
            RunningPlatform platform, String seed, String priceModelJson, String modelId) throws Exception {
        JsonNode creator = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
        String key = creator.path("api_key").asText();
        String creatorId = creator.path("creator_id").asText();
        JsonNode asset = registerProven(platform, key, Fixtures.content(seed), priceModelJson);
        String receipt = recordFor(platform, asset, creatorId, modelId);
        return new CreatorReceipt(creatorId, key, asset.path("asset_id").asText(), receipt);
    }

    /** Registers {@code content} as an asset of the creator with {@code key} and uploads it (proof-of-training names only proven content). */
    public static JsonNode registerProven(RunningPlatform platform, String key, byte[] content, String priceModelJson)
            throws Exception {
        JsonNode asset = RunningPlatform.body(
                platform.json("POST", "/v1/assets", key, Fixtures.assetJson(content, priceModelJson)));
        var uploaded = platform.putBytes(asset.path("upload_url").asText(), key, content);
        if (uploaded.statusCode() != 200) {
            throw new AssertionError("upload failed: " + uploaded.body());
        }
        return asset;
    }

    /** Registers and uploads content made from {@code seed} for the creator with {@code key}; returns a receipt id for it. */
    public static String recordForNewAsset(
            RunningPlatform platform, String key, String creatorId, String seed, String priceModelJson, String modelId)
            throws Exception {
        return recordFor(
                platform, registerProven(platform, key, Fixtures.content(seed), priceModelJson), creatorId, modelId);
    }

    private static String recordFor(RunningPlatform platform, JsonNode asset, String creatorId, String modelId)
            throws Exception {
        HttpResponse<String> response = platform.json(
                "POST",
                "/v1/proof-of-training",
                platform.platformKey(),
                proofJson(asset.path("asset_id").asText(), creatorId, modelId));
        if (response.statusCode() != 201) {
            throw new AssertionError("proof-of-training failed: " + response.body());
        }
        return RunningPlatform.body(response).path("receipt_id").asText();
    }

    public static JWKSet jwks(RunningPlatform platform) throws Exception {
        return JWKSet.parse(platform.get("/.well-known/jwks.json").body());
    }

    /** The platform's trust root as a verifier would pin it. */
    public static TrustRoot trustRoot(RunningPlatform platform) throws Exception {
        return TrustRoot.parse(platform.get("/.well-known/rdk-trust-root.json").body(), platform.baseUrl());
    }

    /**
     * What a test trusts: the platform's trust root, its sandbox accepted on purpose (the tests'
     * platforms are sandboxes) — exactly what the app does with its embedded platform.
     */
    public static TrustPolicy trust(RunningPlatform platform) throws Exception {
        return new TrustPolicy(List.of(new TrustPolicy.Held(trustRoot(platform), true)), WitnessPolicy.NONE);
    }

    /** Verifies with the receipt-verifier module against the platform's trust root. */
    public static ReceiptCheck verify(RunningPlatform platform, String jwt) throws Exception {
        return new ReceiptVerifier(Clock.systemUTC()).verify(jwt, trust(platform), null);
    }

    /** A bundle verifier holding the platform's trust root now, remembering checkpoints in {@code state}. */
    public static BundleVerifier bundles(RunningPlatform platform, Path state) throws Exception {
        return new BundleVerifier(Clock.systemUTC(), trust(platform), new FileCheckpointMemory(state));
    }

    /** The receipt's offline bundle, fetched with {@code key}, as the receipt-verifier judges it (checkpoints remembered in {@code state}). */
    public static ReceiptStatus bundleStatus(RunningPlatform platform, Path state, String receiptId, String key)
            throws Exception {
        String bundle =
                platform.get("/v1/receipts/" + receiptId + "/bundle", key).body();
        return bundles(platform, state).verify(bundle).status();
    }
}
