package com.royaltydesk.app.api;

import java.util.List;
import java.util.Map;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.Url;

/** The platform's HTTP API as Retrofit sees it; grows with each view. */
interface PlatformApi {

    @GET("health")
    Call<HealthResponse> health();

    @GET("v1/creators/me")
    Call<CreatorProfile> me();

    @POST("v1/creators")
    Call<SignUp> signUp(@Body Map<String, String> body);

    @GET("v1/assets")
    Call<AssetPage> assets(@Query("cursor") String cursor, @Query("limit") int limit);

    @POST("v1/assets")
    Call<RegisteredAsset> registerAsset(@Body AssetRegistration registration);

    /** {@code url} is the asset's absolute {@code upload_url}. */
    @PUT
    Call<Asset> uploadContent(@Url String url, @Body RequestBody content);

    @POST("v1/proof-of-training")
    Call<RecordedReceipt> proofOfTraining(@Body Map<String, Object> claim);

    @POST("v1/usage-events")
    Call<UsageAccepted> usageEvents(@Body Map<String, Object> batch);

    @POST("v1/admin/backups")
    Call<BackupWritten> backup();

    @GET("v1/webhook-endpoints")
    Call<EndpointList> webhookEndpoints();

    @POST("v1/webhook-endpoints")
    Call<WebhookEndpoint> createWebhookEndpoint(@Body Map<String, Object> endpoint);

    @DELETE("v1/webhook-endpoints/{id}")
    Call<Void> deleteWebhookEndpoint(@Path("id") String endpointId);

    @GET("v1/webhook-deliveries")
    Call<DeliveryList> webhookDeliveries(@Query("endpoint_id") String endpointId, @Query("limit") int limit);

    @POST("v1/webhook-deliveries/{id}/redeliver")
    Call<Map<String, Object>> redeliver(@Path("id") String deliveryId);

    /** {@code GET /v1/webhook-endpoints}. */
    record EndpointList(List<WebhookEndpoint> endpoints) {}

    /** {@code GET /v1/webhook-deliveries}. */
    record DeliveryList(List<WebhookDelivery> deliveries) {}

    @GET("v1/receipts")
    Call<ReceiptPage> receipts(
            @Query("cursor") String cursor,
            @Query("limit") int limit,
            @Query("model_id") String modelId,
            @Query("dataset_id") String datasetId);

    @GET("v1/earnings")
    Call<Earnings> earnings(@Query("period") String period, @Query("group_by") String groupBy);

    @GET("v1/earnings/monthly")
    Call<MonthlyEarnings> earningsMonthly(
            @Query("from") String from, @Query("to") String to, @Query("group_by") String groupBy);

    @GET("v1/billing-preview")
    Call<BillingPreview> billingPreview();

    @GET("v1/balances")
    Call<Balances> balances();

    @GET("v1/assets/{id}/price-changes")
    Call<PriceChanges> priceChanges(@Path("id") String assetId);

    @POST("v1/assets/{id}/price-changes")
    Call<PriceChanges.Change> changePrice(@Path("id") String assetId, @Body Map<String, Object> body);

    @POST("v1/price-simulations")
    Call<PriceSimulation> simulatePrice(@Body Map<String, Object> body);

    @POST("v1/settlements")
    Call<Settlement> settle(@Body Map<String, Object> body);

    @GET("v1/payouts")
    Call<Payouts> payouts();

    @GET("v1/statements")
    Call<ResponseBody> statements(@Query("period") String period, @Query("format") String format);

    @GET("v1/statements")
    Call<StatementList> statementList(@Query("period") String period, @Query("cursor") String cursor);

    @GET("v1/disputes")
    Call<Disputes> disputes(@Query("cursor") String cursor);

    @POST("v1/disputes")
    Call<Disputes.Dispute> openDispute(@Body Map<String, Object> body);

    @GET("v1/usage/adjustments")
    Call<Adjustments> adjustments(@Query("period") String period, @Query("cursor") String cursor);

    @GET("v1/usage-report")
    Call<UsageReport> usageReport(@Query("period") String period, @Query("cursor") String cursor);

    /** {@code GET /v1/usage/receipts}: every receipt behind a statement or report line, paged. */
    @GET("v1/usage/receipts")
    Call<ReceiptIdPage> lineReceipts(
            @Query("period") String period,
            @Query("asset_id") String assetId,
            @Query("model_id") String modelId,
            @Query("cursor") String cursor);

    /** {@code GET /v1/statements} as JSON. */
    record StatementList(List<Statement> statements) {}

    @GET("demos/{page}")
    Call<ResponseBody> demoPage(@Path("page") String page);

    /** The bundle exactly as the platform sent it: the bytes are what gets verified and saved. */
    @GET("v1/receipts/{id}/bundle")
    Call<ResponseBody> bundle(@Path("id") String receiptId, @Query("consistent_with") Long consistentWith);

    /** The platform's trust root (SPEC §2a); publishing it makes nothing trusted. */
    @GET(".well-known/rdk-trust-root.json")
    Call<ResponseBody> trustRoot();

    /** The newest checkpoint as the C2SP signed note itself (text/plain): what a verifier checks. */
    @GET("v1/log/checkpoint")
    @retrofit2.http.Headers("Accept: text/plain")
    Call<ResponseBody> checkpointNote();

    @GET("v1/log/consistency")
    Call<ConsistencyProof> consistency(@Query("first") long first, @Query("second") long second);

    /** {@code GET /v1/log/consistency}: only the hashes matter to a verifier. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record ConsistencyProof(long first, long second, List<String> hashes) {}
}
