package com.royaltydesk.platform.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A receiver that accepts connections on a loopback port and never answers them: the slowest
 * webhook receiver there is, until {@link #close}.
 */
public final class Tarpit implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Semaphore accepted = new Semaphore(0);

    public Tarpit() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::acceptForever, "tarpit");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                held.add(server.accept());
                accepted.release();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    /** Waits for a connection to arrive; false when none came in time. */
    public boolean awaitConnection(long seconds) throws InterruptedException {
        return accepted.tryAcquire(seconds, TimeUnit.SECONDS);
    }

    /** True while every connection it accepted is still open from the sender's side too. */
    public boolean allConnectionsHeld() {
        for (Socket socket : held) {
            try {
                socket.setSoTimeout(1);
                if (socket.getInputStream().read(new byte[65536]) < 0) {
                    return false;
                }
            } catch (java.net.SocketTimeoutException e) {
                // nothing more to read and not closed: still held
            } catch (IOException e) {
                return false;
            }
        }
        return !held.isEmpty();
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
