package com.royaltydesk.app.api;

import retrofit2.Call;
import retrofit2.http.GET;

/** The platform's HTTP API as Retrofit sees it; grows with each view. */
interface PlatformApi {

    @GET("health")
    Call<HealthResponse> health();
}
