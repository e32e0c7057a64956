package com.royaltydesk.platform.testutil;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/** A real HTTP receiver on a loopback port that answers with a scripted sequence of statuses. */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(Map<String, List<String>> headers, String body, int answeredWith) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private volatile int then = 200;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean stallFirst;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer scripted = script.poll();
            int status = scripted == null ? then : scripted;
            boolean stall = stallFirst && received.isEmpty();
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, stall ? 0 : status));
            if (stall) {
                awaitRelease();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        // One thread per request, so a stalled request does not hold up the next one.
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /**
     * Never answers the first request (recorded with status 0) until {@link #close}: the sender
     * sees a receiver that hangs, the way an instance can die in the middle of an attempt.
     */
    public WebhookReceiver stallFirstRequest() {
        stallFirst = true;
        return this;
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers these statuses first, in order, then {@code afterwards} forever. */
    public WebhookReceiver answer(List<Integer> first, int afterwards) {
        script.clear();
        script.addAll(first);
        then = afterwards;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
