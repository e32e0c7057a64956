package com.royaltydesk.platform.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One headless Chromium kept running for many pages, driven over the DevTools protocol. A page
 * loads in a browser context of its own (no cookies, storage or cache shared with any other page)
 * and is read the way {@code --dump-dom --virtual-time-budget} reads it: virtual time does not pass
 * while a fetch is pending, and the DOM is taken once the budget is spent. Starting Chromium per
 * page cost 2.5 – 3 s on these cores; a page here costs what the page costs.
 */
final class ChromiumBrowser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PAGE_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> budgetsSpent = new ConcurrentHashMap<>();

    private ChromiumBrowser(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    static ChromiumBrowser start(Path binary, List<String> flags, Path profile) throws Exception {
        Files.createDirectories(profile);
        Path activePort = profile.resolve("DevToolsActivePort");
        Files.deleteIfExists(activePort);
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString()));
        command.addAll(flags);
        command.addAll(List.of(
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank"));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        // Chromium writes its port and the browser's endpoint path there once it listens.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> lines = List.of();
        while (lines.size() < 2 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            lines = Files.exists(activePort) ? Files.readAllLines(activePort) : List.of();
        }
        if (lines.size() < 2) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not open its DevTools port (" + activePort + ")");
        }
        URI endpoint = URI.create(
                "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(endpoint, listener)
                .get(30, TimeUnit.SECONDS);
        ChromiumBrowser browser = new ChromiumBrowser(process, socket);
        listener.browser = browser;
        return browser;
    }

    boolean isAlive() {
        return process.isAlive() && !socket.isOutputClosed() && !socket.isInputClosed();
    }

    /** Loads {@code url} in a fresh browser context and returns its DOM once the virtual time budget is spent. */
    String dumpDom(String url, Duration virtualTimeBudget) throws Exception {
        String context = call(null, "Target.createBrowserContext", JSON.createObjectNode())
                .path("browserContextId")
                .asText();
        try {
            String target = call(
                            null,
                            "Target.createTarget",
                            JSON.createObjectNode().put("url", "about:blank").put("browserContextId", context))
                    .path("targetId")
                    .asText();
            String session = call(
                            null,
                            "Target.attachToTarget",
                            JSON.createObjectNode().put("targetId", target).put("flatten", true))
                    .path("sessionId")
                    .asText();
            CompletableFuture<Void> spent = new CompletableFuture<>();
            budgetsSpent.put(session, spent);
            call(
                    session,
                    "Emulation.setVirtualTimePolicy",
                    JSON.createObjectNode().put("policy", "pause"));
            JsonNode navigated =
                    call(session, "Page.navigate", JSON.createObjectNode().put("url", url));
            if (navigated.hasNonNull("errorText")) {
                throw new IllegalStateException("chromium could not load " + url + ": " + navigated.get("errorText"));
            }
            call(
                    session,
                    "Emulation.setVirtualTimePolicy",
                    JSON.createObjectNode()
                            .put("policy", "pauseIfNetworkFetchesPending")
                            .put("budget", virtualTimeBudget.toMillis()));
            spent.get(PAGE_LIMIT.toSeconds(), TimeUnit.SECONDS);
            return call(
                            session,
                            "Runtime.evaluate",
                            JSON.createObjectNode()
                                    .put("expression", "document.documentElement.outerHTML")
                                    .put("returnByValue", true))
                    .at("/result/value")
                    .asText();
        } finally {
            budgetsSpent.clear();
            call(null, "Target.disposeBrowserContext", JSON.createObjectNode().put("browserContextId", context));
        }
    }

    private JsonNode call(String session, String method, ObjectNode params) throws Exception {
        int id = nextId.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        synchronized (socket) {
            socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        }
        JsonNode result = answer.get(PAGE_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (result.has("error")) {
            throw new IllegalStateException(method + " failed: " + result.get("error"));
        }
        return result.path("result");
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer =
                        answers.remove(message.get("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
            } else if ("Emulation.virtualTimeBudgetExpired"
                    .equals(message.path("method").asText())) {
                CompletableFuture<Void> spent =
                        budgetsSpent.get(message.path("sessionId").asText());
                if (spent != null) {
                    spent.complete(null);
                }
            }
        } catch (java.io.IOException e) {
            answers.values().forEach(answer -> answer.completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Puts a message's text parts back together; the DevTools protocol sends one JSON document per message. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile ChromiumBrowser browser;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                browser.received(text);
            }
            webSocket.request(1);
            return null;
        }
    }
}
