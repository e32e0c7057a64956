package com.royaltydesk.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.RunningPlatform;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiHttpTest {

    @TempDir
    Path dataDir;

    private static Set<String> documented(JsonNode document) {
        Set<String> operations = new HashSet<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(
                                method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }

    private static Set<String> served(RunningPlatform platform) {
        return platform.server().routes().stream()
                .map(route -> route.method() + " " + route.path())
                .collect(Collectors.toSet());
    }

    @Test
    void openApi_sandbox_documentsExactlyTheServedRoutes() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            JsonNode document = RunningPlatform.body(platform.get("/openapi.json"));

            assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
            assertThat(served(platform)).isNotEmpty();
            assertThat(documented(document))
                    .as("documented operations")
                    .containsExactlyInAnyOrderElementsOf(served(platform));
        }
    }

    @Test
    void openApi_liveMode_documentsEveryServedRoute() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, false)) {
            JsonNode document = RunningPlatform.body(platform.get("/openapi.json"));

            assertThat(documented(document)).containsAll(served(platform));
        }
    }

    @Test
    void openApi_everyOperationDocumentsTheErrorShape() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            JsonNode document = RunningPlatform.body(platform.get("/openapi.json"));

            document.path("paths")
                    .forEach(path -> path.forEach(operation -> assertThat(
                                    operation.at("/responses/400/$ref").asText())
                            .isEqualTo("#/components/responses/Error")));
        }
    }

    @Test
    void openApi_everyOperationHasItsOwnId_andEverySuccessSchemaNamesItsRequiredFields() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            JsonNode document = RunningPlatform.body(platform.get("/openapi.json"));
            Set<String> ids = new HashSet<>();
            List<String> bare = new java.util.ArrayList<>();

            document.path("paths")
                    .fields()
                    .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                        String id = operation.getValue().path("operationId").asText("");
                        assertThat(id)
                                .as(operation.getKey() + " " + path.getKey())
                                .matches("[a-z][A-Za-z]+");
                        assertThat(ids.add(id))
                                .as("operationId used twice: " + id)
                                .isTrue();
                        operation.getValue().path("responses").fields().forEachRemaining(response -> {
                            JsonNode schema = response.getValue().at("/content/application~1json/schema");
                            boolean success = response.getKey().startsWith("2");
                            if (success
                                    && !path.getKey().equals("/openapi.json")
                                    && !schema.isMissingNode()
                                    && !schema.has("$ref")
                                    && !schema.has("required")) {
                                bare.add(operation.getKey() + " " + path.getKey() + " " + response.getKey());
                            }
                        });
                    }));
            document.path("components").path("schemas").fields().forEachRemaining(schema -> {
                if (schema.getValue().has("properties")
                        && !schema.getValue().has("required")
                        && !REQUEST_ONLY.contains(schema.getKey())) {
                    bare.add("#/components/schemas/" + schema.getKey());
                }
            });

            assertThat(bare).as("success schemas that name no required field").isEmpty();
        }
    }

    /** Schemas of request bodies, and the price model both sides share (its fields depend on its type). */
    private static final Set<String> REQUEST_ONLY =
            Set.of("SignUpRequest", "AssetRegistration", "ProofOfTraining", "UsageEvent", "PriceModel");
}
