package com.royaltydesk.platform.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.testutil.NoDatabase;
import com.royaltydesk.platform.testutil.OpenApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The checker every HTTP test's responses pass through: it must refuse what breaks openapi.json,
 * or the suite's silence would mean nothing. (Responses written here, not by a platform: this tests
 * the checker, the HTTP tests test the platform.)
 */
@Tag(NoDatabase.TAG)
class OpenApiContractTest {

    private static final URI RECEIPT = URI.create("http://127.0.0.1:1/v1/receipts/pt_1");
    private static final String VALID_RECEIPT = """
            {"receipt_id":"pt_1","kid":"k","alg":"EdDSA","receipt_jwt":"a.b.c","log_index":0,"leaf_hash":"00",
             "creator_id":"c","dataset_id":"ds","model_id":"m","artifact_hash":"sha256:00","portion_used":0.5,
             "license":"cc-by-4.0","sandbox":true,"issued_at":"2026-11-30T00:00:00Z","expires_at":"2031-11-30T00:00:00Z"}""";

    @Test
    void aResponseAsDocumented_passes() {
        assertThatCode(() -> OpenApiContract.check("GET", RECEIPT, response(200, "application/json", VALID_RECEIPT)))
                .doesNotThrowAnyException();
    }

    @Test
    void aRequiredFieldMissing_isNamed() {
        String withoutIndex = VALID_RECEIPT.replace("\"log_index\":0,", "");

        assertThatThrownBy(() -> OpenApiContract.check("GET", RECEIPT, response(200, "application/json", withoutIndex)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /v1/receipts/{id} → 200")
                .hasMessageContaining("log_index");
    }

    @Test
    void aNullWhereTheDocumentSaysNever_isRefused() {
        String nullKid = VALID_RECEIPT.replace("\"kid\":\"k\"", "\"kid\":null");

        assertThatThrownBy(() -> OpenApiContract.check("GET", RECEIPT, response(200, "application/json", nullKid)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("kid");
    }

    @Test
    void anUndocumentedSuccessStatus_isRefused() {
        assertThatThrownBy(
                        () -> OpenApiContract.check("GET", RECEIPT, response(203, "application/json", VALID_RECEIPT)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("undocumented status");
    }

    @Test
    void anErrorWithoutTheOneErrorShape_isRefused_evenOnAStatusNotListed() {
        assertThatThrownBy(() -> OpenApiContract.check(
                        "GET", RECEIPT, response(500, "application/json", "{\"message\":\"boom\"}")))
                .isInstanceOf(AssertionError.class);
        assertThatCode(() -> OpenApiContract.check(
                        "GET",
                        RECEIPT,
                        response(
                                500,
                                "application/json",
                                "{\"error\":{\"code\":\"internal_error\",\"message\":\"Something went wrong.\"}}")))
                .doesNotThrowAnyException();
    }

    private static HttpResponse<String> response(int status, String contentType, String body) {
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return HttpRequest.newBuilder(RECEIPT).build();
            }

            @Override
            public Optional<HttpResponse<String>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (name, value) -> true);
            }

            @Override
            public String body() {
                return body;
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return RECEIPT;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
