package com.royaltydesk.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.royaltydesk.platform.testutil.NoDatabase;
import com.royaltydesk.platform.testutil.Tarpit;
import com.royaltydesk.platform.testutil.WebhookReceiver;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real sockets on loopback: the delivery connects to the address the guard vetted, under the URL's
 * host name, with one deadline and the certificate checked against that name.
 */
@Tag(NoDatabase.TAG)
class PinnedPostTest {

    private static final String NAME = "hooks.example.test";
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** Resolves only {@link #NAME}, to loopback, and counts its lookups. */
    private final AtomicInteger lookups = new AtomicInteger();

    private final UrlGuard.Resolver resolver = host -> {
        if (!host.equals(NAME)) {
            throw new UnknownHostException(host);
        }
        lookups.incrementAndGet();
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
    };

    private UrlGuard.Vetted vet(String url) throws Exception {
        return new UrlGuard(UrlGuard.Targets.LOOPBACK_ONLY, resolver)
                .vetNow(URI.create(url))
                .orElseThrow();
    }

    @Test
    void connectsToTheVettedAddress_neverLooksTheNameUpAgain() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            int port = URI.create(receiver.url()).getPort();
            UrlGuard.Vetted target = vet("http://" + NAME + ":" + port + "/hook?x=1");

            // The system resolver does not know the name, so a second lookup would fail the post.
            int status = new PinnedPost(SSLContext.getDefault())
                    .post(target, Map.of("webhook-id", "evt_1"), "{}".getBytes(StandardCharsets.UTF_8), SHORT);

            assertThat(status).isEqualTo(200);
            assertThat(lookups).hasValue(1);
            WebhookReceiver.Received request = receiver.received().get(0);
            assertThat(request.header("Host")).isEqualTo(NAME + ":" + port);
            assertThat(request.header("webhook-id")).isEqualTo("evt_1");
            assertThat(request.body()).isEqualTo("{}");
        }
    }

    @Test
    void redirect_isAnsweredNotFollowed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answer(List.of(302), 200)) {
            UrlGuard.Vetted target = vet(receiver.url().replace("127.0.0.1", NAME));

            int status = new PinnedPost(SSLContext.getDefault()).post(target, Map.of(), new byte[0], SHORT);

            assertThat(status).isEqualTo(302);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void receiverThatNeverAnswers_attemptEndsAtTheDeadline() throws Exception {
        try (Tarpit tarpit = new Tarpit()) {
            UrlGuard.Vetted target = vet(tarpit.url().replace("127.0.0.1", NAME));

            assertThatThrownBy(() -> new PinnedPost(SSLContext.getDefault())
                            .post(target, Map.of(), new byte[0], Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void receiverDrippingBytes_attemptStillEndsAtTheDeadline() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread dripper = new Thread(() -> drip(server));
            dripper.setDaemon(true);
            dripper.start();
            UrlGuard.Vetted target = vet("http://" + NAME + ":" + server.getLocalPort() + "/hook");

            // A per-read timeout alone would wait forever: every read gets a byte in time.
            assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> assertThatThrownBy(() -> new PinnedPost(SSLContext.getDefault())
                                    .post(target, Map.of(), new byte[0], Duration.ofSeconds(1)))
                            .isInstanceOf(SocketTimeoutException.class));
        }
    }

    /** Answers each connection with "HTTP/1.1 200 OK" one byte every 100 ms, without end. */
    private static void drip(ServerSocket server) {
        try (Socket socket = server.accept()) {
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write('H');
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the sender gave up; done
        }
    }

    @Test
    void https_certificateForTheName_accepted() throws Exception {
        SSLContext server = tls(keyStore("dns:" + NAME), true);
        HttpsServer https = httpsReceiver(server);
        try {
            UrlGuard.Vetted target =
                    vet("https://" + NAME + ":" + https.getAddress().getPort() + "/hook");

            int status = new PinnedPost(tls(keyStore("dns:" + NAME), false)).post(target, Map.of(), new byte[0], SHORT);

            assertThat(status).isEqualTo(204);
        } finally {
            https.stop(0);
        }
    }

    @Test
    void https_certificateForAnotherName_refused() throws Exception {
        Path store = keyStore("dns:other.example.test");
        HttpsServer https = httpsReceiver(tls(store, true));
        try {
            UrlGuard.Vetted target =
                    vet("https://" + NAME + ":" + https.getAddress().getPort() + "/hook");

            // Trusted issuer, wrong name: the name check is what refuses it.
            assertThatThrownBy(() -> new PinnedPost(tls(store, false)).post(target, Map.of(), new byte[0], SHORT))
                    .isInstanceOf(SSLHandshakeException.class);
        } finally {
            https.stop(0);
        }
    }

    private HttpsServer httpsReceiver(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** A self-signed certificate for {@code san}, made with the JDK's keytool. */
    private Path keyStore(String san) throws Exception {
        Path store = dir.resolve(san.replace(':', '_') + ".p12");
        if (Files.exists(store)) {
            return store;
        }
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "hook",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=webhook receiver",
                        "-ext",
                        "SAN=" + san,
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        return store;
    }

    /** The server's context (its key) or a client's that trusts exactly that certificate. */
    private static SSLContext tls(Path store, boolean server) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        if (server) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "changeit".toCharArray());
            context.init(kmf.getKeyManagers(), null, null);
        } else {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(keys);
            context.init(null, tmf.getTrustManagers(), null);
        }
        return context;
    }
}
