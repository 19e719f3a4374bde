package dev.curious.messenger.query.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP port in front of a broker that can be switched off: while off it closes every connection at once, as a
 * broker that is down would; while on it forwards. Kafka clients reach the broker through it only to bootstrap.
 */
final class SwitchableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private volatile boolean on;

    SwitchableProxy(String target) throws IOException {
        String[] hostPort = target.split(":");
        this.targetHost = hostPort[0];
        this.targetPort = Integer.parseInt(hostPort[1]);
        this.server = new ServerSocket(0);
        Thread acceptor = new Thread(this::accept, "proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void switchOn() {
        on = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!on) {
                    client.close();
                    continue;
                }
                Socket broker = new Socket(targetHost, targetPort);
                pipe(client, broker);
                pipe(broker, client);
            } catch (IOException e) {
                // closed, or one connection failed: go on with the next
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // one side closed
                    } finally {
                        try {
                            from.close();
                            to.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                },
                "proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
