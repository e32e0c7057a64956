package com.royaltydesk.platform.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Checks the one JSON error shape of SPEC §1. */
public final class ErrorAssertions {

    private ErrorAssertions() {}

    public static JsonNode assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).matches("(?i)application/json;\\s*charset=utf-8"));
        JsonNode body = RunningPlatform.body(response);
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        assertThat(body.at("/error/code").asText()).isEqualTo(code);
        assertThat(body.at("/error/message").asText()).isNotBlank();
        assertThat(response.body())
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContainIgnoringCase("select ");
        return body.path("error");
    }

    public static void assertErrorField(HttpResponse<String> response, int status, String code, String field) {
        assertThat(assertError(response, status, code).path("field").asText()).isEqualTo(field);
    }
}
