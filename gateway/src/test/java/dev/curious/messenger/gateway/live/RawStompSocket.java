package dev.curious.messenger.gateway.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A raw WebSocket to {@code /ws} that sends frames as written and keeps every frame the server sends, whole. */
final class RawStompSocket implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<String> frames;
    private final CompletableFuture<Integer> closed;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();

    private RawStompSocket(WebSocket socket, BlockingQueue<String> frames, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.frames = frames;
        this.closed = closed;
    }

    static RawStompSocket open(int port) throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/ws"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete(-1);
                    }
                })
                .get(10, TimeUnit.SECONDS);
        return new RawStompSocket(socket, frames, closed);
    }

    /** Opens a socket and sends CONNECT with the token; the CONNECTED frame is left in {@link #next}. */
    static RawStompSocket connect(int port, String token, String... headers) throws Exception {
        RawStompSocket socket = open(port);
        StringBuilder connect = new StringBuilder("CONNECT\naccept-version:1.2\nhost:localhost\n");
        connect.append("Authorization:Bearer ").append(token).append('\n');
        for (String header : headers) {
            connect.append(header).append('\n');
        }
        socket.send(connect.append("\n\0").toString());
        return socket;
    }

    void send(String frame) {
        try {
            socket.sendText(frame, true).get(5, TimeUnit.SECONDS);
        } catch (Exception closedByTheServer) {
            // The server may close a session it sent an ERROR to: that is an allowed answer.
        }
    }

    /** Sends a heart-beat every {@code millis} until the socket is closed: a client that beats as it agreed. */
    void beatEvery(long millis) {
        beats.scheduleAtFixedRate(() -> send("\n"), 0, millis, TimeUnit.MILLISECONDS);
    }

    /** The next frame within {@code millis}, or null. */
    String next(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next frame that starts with {@code command} within {@code millis}, skipping others; null when none. */
    String next(String command, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            String frame = next(left);
            if (frame == null) {
                return null;
            }
            if (frame.startsWith(command)) {
                return frame;
            }
        }
        return null;
    }

    /** Whether the server closed the connection within {@code millis}. */
    boolean closedWithin(long millis) {
        try {
            closed.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception notClosed) {
            return false;
        }
    }

    /** The status the server closed with, or null while open. */
    Integer closeStatus() {
        return closed.getNow(null);
    }

    @Override
    public void close() {
        beats.shutdownNow();
        socket.abort();
    }
}
