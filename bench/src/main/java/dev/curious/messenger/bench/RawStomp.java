package dev.curious.messenger.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A minimal STOMP 1.2 client on the JDK's WebSocket (which sends with TCP_NODELAY): CONNECT, SUBSCRIBE, SEND, and
 * the body of every MESSAGE frame handed to a consumer with the time it arrived.
 */
final class RawStomp {

    /** A MESSAGE frame's body and the {@link System#nanoTime()} it was read at. */
    record Frame(String body, long arrivedAt) {}

    /** One client (one selector thread) for every session, as a load generator should. */
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final CompletableFuture<Void> closed;

    private RawStomp(WebSocket socket, CompletableFuture<Void> closed) {
        this.socket = socket;
        this.closed = closed;
    }

    /** Whether the server has closed the connection (or it failed). */
    boolean isClosed() {
        return closed.isDone();
    }

    static RawStomp connect(int port, String token, Consumer<Frame> messages) throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket socket = CLIENT.newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/ws"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        long now = System.nanoTime();
                        partial.append(data);
                        if (last) {
                            String frame = partial.toString();
                            partial.setLength(0);
                            if (frame.startsWith("CONNECTED")) {
                                connected.complete(null);
                            } else if (frame.startsWith("MESSAGE")) {
                                int body = frame.indexOf("\n\n");
                                int end = frame.lastIndexOf('\0');
                                messages.accept(
                                        new Frame(frame.substring(body + 2, end < 0 ? frame.length() : end), now));
                            } else if (frame.startsWith("ERROR")) {
                                connected.completeExceptionally(new IllegalStateException(frame));
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(null);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete(null);
                    }
                })
                .get(10, TimeUnit.SECONDS);
        socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nAuthorization:Bearer " + token + "\n\n\0", true)
                .get(10, TimeUnit.SECONDS);
        connected.get(10, TimeUnit.SECONDS);
        return new RawStomp(socket, closed);
    }

    void subscribe(String id, String destination) throws Exception {
        socket.sendText("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n\0", true)
                .get(10, TimeUnit.SECONDS);
    }

    void send(String destination, String json) throws Exception {
        socket.sendText("SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + json + "\0", true)
                .get(10, TimeUnit.SECONDS);
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
