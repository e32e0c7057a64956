package com.royaltydesk.platform.http;

import com.royaltydesk.platform.assets.Asset;
import com.royaltydesk.platform.assets.AssetRegistration;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.PriceChange;
import com.royaltydesk.platform.assets.PriceModel;
import com.royaltydesk.platform.assets.UploadGate;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Principal;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.receipts.ReceiptService;
import com.royaltydesk.platform.usage.Periods;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** Assets: register, list, read, and the content upload that proves the registered hash. */
public final class AssetsHandler {

    /** An asset as clients see it. */
    public record AssetView(
            String assetId,
            String creatorId,
            String name,
            String description,
            String license,
            PriceModel priceModel,
            List<String> contentHashes,
            Long sizeBytes,
            String uploadStatus,
            String uploadUrl,
            Instant createdAt,
            Instant uploadedAt,
            long receiptCount) {}

    /** {@code POST /v1/assets} answer: the seed's two fields plus the whole asset. */
    public record Registered(String assetId, String uploadUrl, AssetView asset) {}

    /** One page of assets. */
    public record AssetPage(List<AssetView> assets, String nextCursor) {}

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final AssetService assets;
    private final UploadGate uploads;
    private final Duration uploadReadTimeout;
    private final ReceiptService receipts;
    private final Auth auth;
    private final RequestBodies bodies;

    public AssetsHandler(
            AssetService assets,
            UploadGate uploads,
            Duration uploadReadTimeout,
            ReceiptService receipts,
            Auth auth,
            RequestBodies bodies) {
        this.assets = assets;
        this.uploads = uploads;
        this.uploadReadTimeout = uploadReadTimeout;
        this.receipts = receipts;
        this.auth = auth;
        this.bodies = bodies;
    }

    public void register(Context ctx) {
        Principal creator = auth.require(ctx, Role.CREATOR);
        Asset asset = assets.register(creator.creatorId(), bodies.read(ctx, AssetRegistration.class));
        AssetView view = view(ctx, asset, 0);
        ctx.status(201).json(new Registered(asset.assetId(), view.uploadUrl(), view));
    }

    public void list(Context ctx) {
        Principal caller = auth.require(ctx, Role.CREATOR, Role.PLATFORM);
        int limit = Validate.limit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        long after = Cursors.decode(ctx.queryParam("cursor"));
        String scope = Tenants.scope(caller, ctx.queryParam("creator_id"));
        Paged<Asset> page = Paged.byKey(assets.list(scope, after, Paged.rowsToRead(limit)), limit, Asset::seq);
        List<Asset> shown = page.shown();
        Map<String, Long> receiptCounts =
                receipts.countsByAsset(shown.stream().map(Asset::assetId).toList());
        List<AssetView> views = new ArrayList<>();
        for (Asset asset : shown) {
            views.add(view(ctx, asset, receiptCounts.getOrDefault(asset.assetId(), 0L)));
        }
        ctx.json(new AssetPage(views, page.next()));
    }

    /** {@code POST /v1/assets/{id}/price-changes}: the asset's price from a month to come on. */
    public record PriceChangeRequest(PriceModel priceModel, String effectiveFrom) {}

    /** {@code GET /v1/assets/{id}/price-changes}: the registered price and every change, oldest first. */
    public record PriceChanges(String assetId, PriceModel priceModel, List<PriceChange> changes) {}

    public void setPrice(Context ctx) {
        Principal caller = auth.require(ctx, Role.CREATOR, Role.PLATFORM);
        String assetId = Validate.id(ctx.pathParam("id"), "id");
        PriceChangeRequest request = bodies.read(ctx, PriceChangeRequest.class);
        ctx.status(201)
                .json(assets.schedulePrice(
                        caller.creatorId(),
                        assetId,
                        request.priceModel(),
                        Periods.parse(request.effectiveFrom(), "effective_from")));
    }

    public void priceChanges(Context ctx) {
        Principal caller = auth.require(ctx, Role.CREATOR, Role.PLATFORM);
        String assetId = Validate.id(ctx.pathParam("id"), "id");
        Asset asset = assets.get(caller.creatorId(), assetId);
        ctx.json(new PriceChanges(assetId, asset.priceModel(), assets.priceChanges(caller.creatorId(), assetId)));
    }

    public void get(Context ctx) {
        Principal caller = auth.require(ctx, Role.CREATOR, Role.PLATFORM);
        String assetId = Validate.id(ctx.pathParam("id"), "id");
        Asset asset = assets.get(caller.creatorId(), assetId);
        ctx.json(view(ctx, asset, receipts.countsByAsset(List.of(assetId)).getOrDefault(assetId, 0L)));
    }

    /**
     * {@code PUT /v1/assets/{id}/content}: streams the content through the hasher, holding one of
     * the instance's upload slots; a client that sends nothing for the read timeout is dropped.
     */
    public void upload(Context ctx) {
        Principal creator = auth.require(ctx, Role.CREATOR);
        String assetId = Validate.id(ctx.pathParam("id"), "id");
        Asset asset;
        try (UploadGate.Permit slot = uploads.enter()) {
            readTimeout(ctx, uploadReadTimeout);
            asset = assets.acceptUpload(creator.creatorId(), assetId, ctx.req().getInputStream());
        } catch (IOException e) {
            throw timedOut(e)
                    ? new ApiException(
                            ApiException.Kind.TIMED_OUT,
                            "upload_timeout",
                            "No bytes of the upload arrived for " + uploadReadTimeout.toSeconds()
                                    + " s; it was dropped and nothing changed.",
                            null)
                    : new ApiException(
                            ApiException.Kind.INVALID,
                            "upload_interrupted",
                            "The upload ended early; nothing changed.",
                            null);
        }
        ctx.json(view(ctx, asset, receipts.countsByAsset(List.of(assetId)).getOrDefault(assetId, 0L)));
    }

    /** This request's connection gives up after {@code timeout} without a byte (Jetty's idle timeout). */
    private static void readTimeout(Context ctx, Duration timeout) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(timeout.toMillis());
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static AssetView view(Context ctx, Asset asset, long receiptCount) {
        List<String> hashes = new ArrayList<>();
        if (asset.sha256() != null) {
            hashes.add("sha256:" + asset.sha256());
        }
        if (asset.blake3() != null) {
            hashes.add("blake3:" + asset.blake3());
        }
        return new AssetView(
                asset.assetId(),
                asset.creatorId(),
                asset.name(),
                asset.description(),
                asset.license(),
                asset.priceModel(),
                hashes,
                asset.sizeBytes(),
                asset.uploadStatus(),
                BaseUrls.of(ctx) + "/v1/assets/" + asset.assetId() + "/content",
                asset.createdAt(),
                asset.uploadedAt(),
                receiptCount);
    }
}
