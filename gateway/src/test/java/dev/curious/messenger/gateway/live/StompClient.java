package dev.curious.messenger.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** A STOMP client of the contract over a real WebSocket: JSON bodies in, JSON frames out, ERROR frames kept. */
final class StompClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocketStompClient client;
    private final Handler handler = new Handler();
    private StompSession session;

    private StompClient() {
        client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JsonBytes());
        client.setInboundMessageSizeLimit(1024 * 1024);
    }

    /** Connects with {@code Authorization: Bearer <token>} (none when the token is null). */
    static StompClient connect(int port, String token) {
        StompClient stomp = new StompClient();
        StompHeaders connect = new StompHeaders();
        if (token != null) {
            connect.add("Authorization", "Bearer " + token);
        }
        CompletableFuture<StompSession> session = stomp.client.connectAsync(
                "ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), connect, stomp.handler);
        try {
            stomp.session = session.get(5, TimeUnit.SECONDS);
        } catch (Exception notConnected) {
            session.cancel(true);
        }
        return stomp;
    }

    boolean connected() {
        return session != null && session.isConnected();
    }

    /** The frames that arrive at a destination, as JSON. */
    BlockingQueue<JsonNode> subscribe(String destination) {
        return subscribe(destination, null);
    }

    /** The same, resuming after {@code since} (the last frameSeq received) when it is not null. */
    BlockingQueue<JsonNode> subscribe(String destination, Long since) {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        if (since != null) {
            headers.add("since", since.toString());
        }
        session.subscribe(headers, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                frames.add(parse((byte[]) payload));
            }
        });
        return frames;
    }

    void send(String destination, Object body) {
        try {
            sendRaw(destination, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void sendRaw(String destination, byte[] body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, body);
    }

    /** The ERROR frame the server answered, waiting for it up to the given time; null when none came. */
    JsonNode awaitError(Duration atMost) throws InterruptedException {
        return handler.errors.poll(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean awaitClosed(Duration atMost) throws InterruptedException {
        return handler.closed.await(atMost);
    }

    @Override
    public void close() {
        if (connected()) {
            session.disconnect();
        }
        client.stop();
    }

    static JsonNode next(BlockingQueue<JsonNode> frames, Duration atMost) throws InterruptedException {
        JsonNode frame = frames.poll(atMost.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("No frame within " + atMost);
        }
        return frame;
    }

    /** The next frame of the given type, skipping the others. */
    static JsonNode next(BlockingQueue<JsonNode> frames, String type, Duration atMost) throws InterruptedException {
        return next(frames, type, frame -> true, atMost);
    }

    /** The stored changes (not Typing or PresenceChanged) that arrive within the given time. */
    static List<JsonNode> changes(BlockingQueue<JsonNode> frames, Duration within) throws InterruptedException {
        return all(frames, within).stream()
                .filter(frame -> !List.of("Typing", "PresenceChanged")
                        .contains(frame.path("type").asText()))
                .toList();
    }

    /** Every frame that arrives within the given time. */
    static List<JsonNode> all(BlockingQueue<JsonNode> frames, Duration within) throws InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame =
                    frames.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (frame != null) {
                all.add(frame);
            }
        }
        return all;
    }

    /** The next frame of the given type that matches, skipping the others. */
    static JsonNode next(
            BlockingQueue<JsonNode> frames,
            String type,
            java.util.function.Predicate<JsonNode> matching,
            Duration atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        List<String> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonNode frame =
                    frames.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (frame != null && frame.path("type").asText().equals(type) && matching.test(frame)) {
                return frame;
            }
            if (frame != null) {
                skipped.add(frame.path("type").asText());
            }
        }
        throw new AssertionError("No " + type + " frame within " + atMost + "; got " + skipped);
    }

    private static JsonNode parse(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Handler extends StompSessionHandlerAdapter {
        final BlockingQueue<JsonNode> errors = new LinkedBlockingQueue<>();
        final Latch closed = new Latch();

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            errors.add(
                    payload == null || ((byte[]) payload).length == 0
                            ? JSON.getNodeFactory().objectNode().put("message", headers.getFirst("message"))
                            : parse((byte[]) payload));
        }

        @Override
        public void handleException(
                StompSession session, StompCommand command, StompHeaders headers, byte[] payload, Throwable exception) {
            errors.add(JSON.getNodeFactory().objectNode().put("exception", exception.toString()));
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            closed.open();
        }
    }

    /** Hands JSON bodies over as the bytes they are; the tests parse them as a client would. */
    private static final class JsonBytes extends AbstractMessageConverter {

        JsonBytes() {
            super(MimeTypeUtils.APPLICATION_JSON);
            setStrictContentTypeMatch(false);
        }

        @Override
        protected boolean supports(Class<?> type) {
            return type == byte[].class;
        }

        @Override
        protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
            return message.getPayload();
        }

        @Override
        protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
            return payload;
        }
    }

    private static final class Latch {
        private final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);

        void open() {
            latch.countDown();
        }

        boolean await(Duration atMost) throws InterruptedException {
            return latch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
