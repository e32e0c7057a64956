package com.royaltydesk.platform.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 POST to an address vetted by {@link UrlGuard}: the socket connects to that address
 * (the JDK's HTTP client would look the name up again, which is the DNS-rebinding window), while
 * the {@code Host} header, TLS server name and certificate check all use the URL's host name. No
 * redirects are followed, only the status line is read, and the whole attempt — connect, TLS,
 * write, read — ends at one deadline, so a receiver dripping one byte at a time cannot hold it.
 */
public final class PinnedPost {

    private static final int MAX_STATUS_LINE = 8 * 1024;

    private final SSLContext tls;

    public PinnedPost(SSLContext tls) {
        this.tls = tls;
    }

    /** The receiver's status code; an {@link IOException} when it could not be reached or answered badly. */
    public int post(UrlGuard.Vetted target, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        URI uri = target.uri();
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket raw = new Socket();
        try (raw) {
            raw.connect(new InetSocketAddress(target.address(), port), remainingMillis(deadline));
            Socket socket = https ? handshake(raw, uri, port, deadline) : raw;
            try (socket) {
                socket.setSoTimeout(remainingMillis(deadline));
                OutputStream out = socket.getOutputStream();
                out.write(head(uri, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return parseStatus(readStatusLine(socket, deadline));
            }
        }
    }

    private Socket handshake(Socket raw, URI uri, int port, long deadline) throws IOException {
        String host = bare(uri.getHost());
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        // Check the certificate against the URL's host name, as a browser would — not the address.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(remainingMillis(deadline));
        ssl.startHandshake();
        return ssl;
    }

    private static String head(URI uri, Map<String, String> headers, int length) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        StringBuilder head = new StringBuilder("POST ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(uri.getRawAuthority())
                .append("\r\nContent-Length: ")
                .append(length)
                .append("\r\nConnection: close\r\nUser-Agent: RoyaltyDesk-Webhooks\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    private static String readStatusLine(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] line = new byte[MAX_STATUS_LINE];
        int length = 0;
        while (length < line.length) {
            socket.setSoTimeout(remainingMillis(deadline));
            int read = in.read(line, length, line.length - length);
            if (read < 0) {
                throw new IOException("the receiver closed the connection without an HTTP status line");
            }
            for (int i = length; i < length + read; i++) {
                if (line[i] == '\n') {
                    return new String(line, 0, i, StandardCharsets.ISO_8859_1).strip();
                }
            }
            length += read;
        }
        throw new IOException("the receiver's status line is longer than " + MAX_STATUS_LINE + " bytes");
    }

    static int parseStatus(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("the receiver did not answer HTTP/1.x");
        }
        return Integer.parseInt(parts[1]);
    }

    /** Milliseconds left before the deadline, at least 1 (0 would mean "wait forever" to a socket). */
    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("the receiver did not answer in time");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
