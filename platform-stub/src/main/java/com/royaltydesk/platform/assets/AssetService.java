package com.royaltydesk.platform.assets;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.db.DataAccessException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registers assets, proves their content by upload, and answers reads scoped to a creator. Content
 * belongs to the creator whose upload first proves it (SPEC §1): declared hashes and sizes are
 * optional and reserve nothing — they are only checked against the upload — and content another
 * asset already proved is refused, by registration (if declared) or by upload.
 */
public final class AssetService {

    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 2000;
    private static final Pattern SHA256 = Pattern.compile("sha256:([0-9a-f]{64})");
    private static final Pattern BLAKE3 = Pattern.compile("blake3:([0-9a-f]{64})");
    private static final int BUFFER = 64 * 1024;

    private final AssetStore store;
    private final Clock clock;

    /** Larger files are refused at registration and upload; uploads stream, so this bounds time, not memory. */
    private final long maxBytes;

    public AssetService(AssetStore store, Clock clock, long maxBytes) {
        this.store = store;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    public Asset register(String creatorId, AssetRegistration request) {
        Asset asset = validated(Ids.newId("ds"), creatorId, request);
        if (asset.sha256() != null && store.findByProvenSha256(asset.sha256()).isPresent()) {
            // Declaring proven content is pointless; declaring unproven content reserves nothing.
            throw duplicate(creatorId, asset.sha256());
        }
        store.insert(asset);
        return store.find(asset.assetId()).orElseThrow();
    }

    /**
     * Registers with a chosen id and proves {@code content} at once, inside the caller's transaction:
     * the sandbox's demo dataset, whose bytes the platform itself holds.
     */
    public void registerProven(
            Connection connection, String assetId, String creatorId, AssetRegistration request, byte[] content)
            throws SQLException {
        store.insert(connection, validated(assetId, creatorId, request));
        store.markProven(
                connection,
                assetId,
                HexFormat.of().formatHex(sha256().digest(content)),
                content.length,
                clock.instant());
    }

    private Asset validated(String assetId, String creatorId, AssetRegistration request) {
        String name = Validate.requiredText(request.name(), "name", MAX_NAME);
        String description = Validate.optionalText(request.description(), "description", MAX_DESCRIPTION);
        String license = Licenses.validate(request.license(), "license");
        PriceModel priceModel = PriceModelRules.validate(request.priceModel());
        String[] hashes = contentHashes(request.contentHashes());
        Long size = size(request.sizeBytes());
        return new Asset(
                assetId,
                0,
                creatorId,
                name,
                description,
                license,
                priceModel,
                hashes[0],
                hashes[1],
                size,
                Asset.AWAITING_UPLOAD,
                clock.instant(),
                null);
    }

    /** The most price changes one asset keeps; past it a change is {@code 422 limit_exceeded}. */
    public static final int MAX_PRICE_CHANGES = 120;

    /** How far ahead a change may start: a price is set for the months to come, not for a distant future. */
    public static final int MAX_MONTHS_AHEAD = 24;

    /**
     * Sets {@code assetId}'s price from {@code effectiveFrom} on ("Apply from next month"): never the
     * current month or one before it, so usage already priced and statements already written keep the
     * price that was in force; the currency stays the asset's. Setting a month again replaces it.
     */
    public PriceChange schedulePrice(String creatorId, String assetId, PriceModel model, YearMonth effectiveFrom) {
        Asset asset = get(creatorId, assetId);
        PriceModel price = PriceModelRules.validate(model);
        YearMonth now = YearMonth.from(clock.instant().atZone(java.time.ZoneOffset.UTC));
        if (!effectiveFrom.isAfter(now)) {
            throw ApiException.invalid(
                    "effective_from",
                    "A new price starts in a month to come (" + now.plusMonths(1) + " or later): usage of " + now
                            + " and before keeps the price it was counted at.");
        }
        if (effectiveFrom.isAfter(now.plusMonths(MAX_MONTHS_AHEAD))) {
            throw ApiException.invalid(
                    "effective_from", "A new price starts at most " + MAX_MONTHS_AHEAD + " months ahead.");
        }
        if (!price.currency().equals(asset.priceModel().currency())) {
            throw ApiException.invalid(
                    "price_model.currency",
                    "An asset keeps its currency (" + asset.priceModel().currency() + "); register a new asset for "
                            + price.currency() + ".");
        }
        List<PriceChange> changes = store.priceChanges(assetId);
        boolean replaces = changes.stream().anyMatch(c -> c.effectiveFrom().equals(effectiveFrom.toString()));
        if (!replaces && changes.size() >= MAX_PRICE_CHANGES) {
            throw ApiException.limitExceeded("An asset keeps at most " + MAX_PRICE_CHANGES + " price changes.");
        }
        PriceChange change = new PriceChange(effectiveFrom.toString(), price, clock.instant());
        store.setPriceChange(assetId, change);
        return change;
    }

    /** The asset's price changes, oldest month first (the caller's own asset, or any for the platform). */
    public List<PriceChange> priceChanges(String creatorId, String assetId) {
        return store.priceChanges(get(creatorId, assetId).assetId());
    }

    /** The price in force for {@code asset} in {@code period} (YYYY-MM): the latest change from then or before, else its own. */
    public PriceModel priceIn(Asset asset, String period) {
        PriceModel inForce = asset.priceModel();
        for (PriceChange change : store.priceChanges(asset.assetId())) {
            if (change.effectiveFrom().compareTo(period) <= 0) {
                inForce = change.priceModel();
            }
        }
        return inForce;
    }

    /** The asset if the caller may see it: its owner, or the platform ({@code creatorId} null). */
    public Asset get(String creatorId, String assetId) {
        return store.find(assetId)
                .filter(asset -> creatorId == null || asset.creatorId().equals(creatorId))
                .orElseThrow(() -> ApiException.notFound("No asset " + assetId + "."));
    }

    public List<Asset> list(String creatorId, long afterSeq, int limit) {
        return store.list(creatorId, afterSeq, limit);
    }

    /**
     * Streams {@code content}, hashing it, and proves the asset's content when it matches whatever
     * was declared (hash, size). Reads at most one byte past the declared size (or the maximum). A
     * proven asset takes only the same content again; content another asset proved first is a 409
     * and leaves this asset unproven.
     */
    public Asset acceptUpload(String creatorId, String assetId, InputStream content) throws IOException {
        Asset asset = get(creatorId, assetId);
        long limit = asset.sizeBytes() == null ? maxBytes : asset.sizeBytes();
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int read;
        while (total <= limit && (read = content.read(buffer)) != -1) {
            sha256.update(buffer, 0, read);
            total += read;
        }
        if (asset.sizeBytes() == null && total > maxBytes) {
            throw new ApiException(
                    ApiException.Kind.TOO_LARGE,
                    "upload_too_large",
                    "Uploads on this platform are at most " + maxBytes + " bytes; nothing was stored.",
                    null);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        boolean sizeOk = asset.sizeBytes() == null || total == asset.sizeBytes();
        if (!sizeOk || asset.sha256() != null && !actual.equals(asset.sha256())) {
            throw mismatch(
                    asset,
                    total > limit ? "more than " + limit + " bytes" : "sha256:" + actual + " (" + total + " bytes)");
        }
        if (!asset.proven()) {
            try {
                store.markProven(assetId, actual, total, clock.instant());
            } catch (DataAccessException e) {
                if (e.isConstraintViolation()) {
                    throw duplicate(creatorId, actual);
                }
                throw e;
            }
        }
        return store.find(assetId).orElseThrow();
    }

    private static ApiException mismatch(Asset asset, String got) {
        String expected = (asset.sha256() == null ? "" : "sha256:" + asset.sha256() + " ")
                + (asset.sizeBytes() == null ? "" : "(" + asset.sizeBytes() + " bytes)");
        return new ApiException(
                ApiException.Kind.INVALID,
                "content_mismatch",
                "The upload does not match "
                        + (asset.proven() ? "the content already proven" : "the registration") + ": expected "
                        + expected.strip() + ", got " + got + ".",
                null);
    }

    private ApiException duplicate(String creatorId, String sha256) {
        Optional<Asset> existing = store.findByProvenSha256(sha256);
        if (existing.isPresent() && existing.get().creatorId().equals(creatorId)) {
            return ApiException.conflict(
                    "duplicate_content",
                    "You already registered this content as " + existing.get().assetId() + ".");
        }
        // Never say whose it is: that would reveal another creator's object.
        return ApiException.conflict("duplicate_content", "This content is already registered by another creator.");
    }

    /** Optional (the seed's body has none): none at all, or one sha256 and optionally one blake3. */
    private static String[] contentHashes(List<String> hashes) {
        if (hashes == null || hashes.isEmpty()) {
            return new String[] {null, null};
        }
        if (hashes.size() > 2) {
            throw ApiException.invalid(
                    "content_hashes", "content_hashes needs one sha256:<hex> and optionally one blake3:<hex>.");
        }
        String sha = null;
        String blake = null;
        for (int i = 0; i < hashes.size(); i++) {
            String value = hashes.get(i) == null ? "" : hashes.get(i);
            var shaMatch = SHA256.matcher(value);
            var blakeMatch = BLAKE3.matcher(value);
            if (shaMatch.matches() && sha == null) {
                sha = shaMatch.group(1);
            } else if (blakeMatch.matches() && blake == null) {
                blake = blakeMatch.group(1);
            } else {
                throw ApiException.invalid(
                        "content_hashes[" + i + "]",
                        "Each content hash must be sha256:<64 lowercase hex> or blake3:<64 lowercase hex>, each at most once.");
            }
        }
        if (sha == null) {
            throw ApiException.invalid("content_hashes", "content_hashes must include a sha256:<hex> hash.");
        }
        return new String[] {sha, blake};
    }

    private Long size(Long sizeBytes) {
        if (sizeBytes == null) {
            return null; // learned from the upload
        }
        if (sizeBytes < 0 || sizeBytes > maxBytes) {
            throw ApiException.invalid(
                    "size_bytes",
                    "size_bytes must be a whole number from 0 to " + maxBytes + " (this platform's upload cap).");
        }
        return sizeBytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
