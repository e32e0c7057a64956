package com.royaltydesk.verify.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * For tests of the demo pages (Chromium, the app's WebView): an exported demo folder as a CDN would serve it: the pages and a {@code trust-root.json} beside
 * them, on a loopback port of its own (another origin than any platform).
 */
public final class StaticSite implements AutoCloseable {

    private final HttpServer server;

    private StaticSite(HttpServer server) {
        this.server = server;
    }

    public static StaticSite serve(Path folder, Path demos, String trustRoot) throws IOException {
        Files.createDirectories(folder);
        try (var pages = Files.list(demos)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html")).toList()) {
                Files.copy(page, folder.resolve(page.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(folder.resolve("trust-root.json"), trustRoot);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = folder.resolve(exchange.getRequestURI().getPath().substring(1))
                    .normalize();
            boolean found = file.startsWith(folder) && Files.isRegularFile(file);
            byte[] body = found ? Files.readAllBytes(file) : "not found".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add(
                            "Content-Type",
                            file.toString().endsWith(".html") ? "text/html; charset=utf-8" : "application/json");
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new StaticSite(server);
    }

    /** The page's URL with {@code bundle} in its fragment (fragments never leave the browser). */
    public String page(String name, String bundle) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "#bundle=" + b64u(bundle);
    }

    public static String b64u(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
