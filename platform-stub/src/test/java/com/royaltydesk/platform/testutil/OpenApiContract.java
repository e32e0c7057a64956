package com.royaltydesk.platform.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The platform's OpenAPI document held to what the platform answers (issue #17): every response a
 * test gets through {@link RunningPlatform} must be documented for its operation and status, and a
 * JSON body must validate against the documented schema (JSON Schema 2020-12, required fields and
 * nullability included). An error status not listed must still have the one error shape. Paths no
 * operation matches (a route a test expects to be missing) are not checked.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = load();
    private static final List<Operation> OPERATIONS = operations();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private record Operation(String method, String template, Pattern pattern, JsonNode node) {
        int parameters() {
            return template.split("\\{", -1).length - 1;
        }
    }

    private OpenApiContract() {}

    /** Throws an {@link AssertionError} naming the operation and each violation when the response breaks the document. */
    public static void check(String method, URI uri, HttpResponse<String> response) {
        Optional<Operation> operation = find(method, uri.getPath());
        if (operation.isEmpty()) {
            return;
        }
        Operation op = operation.get();
        String where = op.method() + " " + op.template() + " → " + response.statusCode();
        int status = response.statusCode();
        JsonNode documented = resolve(op.node().path("responses").path(Integer.toString(status)));
        if (documented.isMissingNode()) {
            if (status < 400) {
                throw new AssertionError("undocumented status: " + where + "\n" + response.body());
            }
            documented = resolve(JSON.createObjectNode().put("$ref", "#/components/responses/Error"));
        }
        String contentType = response.headers()
                .firstValue("Content-Type")
                .map(type -> type.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        JsonNode content = documented.path("content");
        if (response.body().isEmpty() || content.isMissingNode()) {
            if (!content.isMissingNode() && !response.body().isEmpty()) {
                throw new AssertionError("a body the document does not give: " + where);
            }
            return;
        }
        if (!content.has(contentType)) {
            throw new AssertionError("undocumented content type '" + contentType + "': " + where + " (documented: "
                    + content.toString() + ")");
        }
        if (!contentType.equals("application/json")) {
            return;
        }
        JsonNode schemaNode = content.path(contentType).path("schema");
        if (schemaNode.isMissingNode()) {
            return;
        }
        JsonNode body = parse(response.body(), where);
        JsonSchema schema =
                COMPILED.computeIfAbsent(op.method() + " " + op.template() + " " + status, key -> compile(schemaNode));
        Set<ValidationMessage> errors = schema.validate(body);
        if (!errors.isEmpty()) {
            throw new AssertionError("response does not match openapi.json: " + where + "\n  "
                    + errors.stream()
                            .map(ValidationMessage::getMessage)
                            .sorted()
                            .collect(Collectors.joining("\n  "))
                    + "\n" + abbreviated(response.body()));
        }
    }

    private static Optional<Operation> find(String method, String path) {
        return OPERATIONS.stream()
                .filter(op ->
                        op.method().equals(method) && op.pattern().matcher(path).matches())
                .min(Comparator.comparingInt(Operation::parameters));
    }

    /** The schema with the document's components beside it, so {@code #/components/…} references resolve. */
    private static JsonSchema compile(JsonNode schemaNode) {
        ObjectNode root = JSON.createObjectNode();
        root.setAll((ObjectNode) schemaNode.deepCopy());
        root.set("components", DOCUMENT.path("components"));
        return SCHEMAS.getSchema(root);
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? DOCUMENT.at(ref.substring(1)) : node;
    }

    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        DOCUMENT.path("paths").fields().forEachRemaining(path -> {
            Pattern pattern = Pattern.compile(Pattern.quote(path.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            path.getValue()
                    .fields()
                    .forEachRemaining(method -> operations.add(new Operation(
                            method.getKey().toUpperCase(Locale.ROOT), path.getKey(), pattern, method.getValue())));
        });
        return operations;
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/com/royaltydesk/platform/openapi.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body, String where) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON although documented as JSON: " + where + "\n" + abbreviated(body), e);
        }
    }

    private static String abbreviated(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }
}
