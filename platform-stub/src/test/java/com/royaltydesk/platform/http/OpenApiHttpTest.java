package com.royaltydesk.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.RunningPlatform;
import java.nio.file.Path;
import java.util.HashSet;
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
}
