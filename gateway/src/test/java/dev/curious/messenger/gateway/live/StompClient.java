package dev.curious.messenger.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** A STOMP client of the contract over a real WebSocket: JSON bodies in, JSON frames out, ERROR frames kept. */
final class StompClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RECEIPT_WAIT = Duration.ofSeconds(10);
    /** Spring's client times receipts out on a scheduler; one for all clients of the test run. */
    private static final ThreadPoolTaskScheduler RECEIPTS = receipts();

    private final WebSocketStompClient client;
    private final Handler handler = new Handler();
    private StompSession session;

    private StompClient() {
        // As a browser, which has no message buffer to outgrow: in this JVM Tomcat's default is the server's small one.
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(1024 * 1024);
        container.setDefaultMaxBinaryMessageBufferSize(1024 * 1024);
        client = new WebSocketStompClient(new StandardWebSocketClient(container));
        client.setMessageConverter(new JsonBytes());
        client.setInboundMessageSizeLimit(1024 * 1024);
        client.setTaskScheduler(RECEIPTS);
        client.setReceiptTimeLimit(RECEIPT_WAIT.toMillis());
        client.setDefaultHeartbeat(new long[] {0, 0}); // as without a scheduler: the tests do not beat
    }

    private static ThreadPoolTaskScheduler receipts() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setDaemon(true);
        scheduler.setThreadNamePrefix("stomp-client-receipts-");
        scheduler.initialize();
        return scheduler;
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

    /**
     * The frames that arrive at a destination, as JSON, once the server has answered the SUBSCRIBE with its RECEIPT:
     * whatever is published from then on arrives.
     */
    BlockingQueue<JsonNode> subscribe(String destination) {
        return subscribe(destination, null);
    }

    /** The same, resuming after {@code since} (the last frameSeq received) when it is not null. */
    BlockingQueue<JsonNode> subscribe(String destination, Long since) {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        subscribeEach(destination, since, frames::add);
        return frames;
    }

    /** The same, handing each frame to {@code each} as it arrives instead of keeping it. */
    void subscribeEach(String destination, Long since, Consumer<JsonNode> each) {
        CompletableFuture<Void> receipt = new CompletableFuture<>();
        subscribe(destination, since, receipt, each);
        try {
            receipt.get(RECEIPT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception noReceipt) {
            throw new AssertionError("No RECEIPT for the SUBSCRIBE to " + destination + " within " + RECEIPT_WAIT);
        }
    }

    /** Subscribes without waiting for the answer: for a SUBSCRIBE the server is to refuse. */
    BlockingQueue<JsonNode> subscribeUnanswered(String destination, Long since) {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        subscribe(destination, since, new CompletableFuture<>(), frames::add);
        return frames;
    }

    /** Like {@link #subscribeEach}, without waiting for the RECEIPT (a resume's stored frames come before it). */
    void subscribeEachUnanswered(String destination, Long since, Consumer<JsonNode> each) {
        subscribe(destination, since, new CompletableFuture<>(), each);
    }

    private void subscribe(String destination, Long since, CompletableFuture<Void> receipt, Consumer<JsonNode> each) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setReceipt(UUID.randomUUID().toString());
        if (since != null) {
            headers.add("since", since.toString());
        }
        StompSession.Subscription subscription = session.subscribe(headers, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                each.accept(parse((byte[]) payload));
            }
        });
        subscription.addReceiptTask(() -> receipt.complete(null));
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

    /**
     * The stored changes (not Typing or PresenceChanged) that arrive before the first frame that matches the
     * sentinel: what a negative check looks at, since anything sent before the sentinel arrives before it.
     */
    static List<JsonNode> changesBefore(
            BlockingQueue<JsonNode> frames, java.util.function.Predicate<JsonNode> sentinel, Duration atMost)
            throws InterruptedException {
        return before(frames, sentinel, atMost).stream()
                .filter(StompClient::isChange)
                .toList();
    }

    /** Every frame that arrives before the first that matches the sentinel; an AssertionError if it does not come. */
    static List<JsonNode> before(
            BlockingQueue<JsonNode> frames, java.util.function.Predicate<JsonNode> sentinel, Duration atMost)
            throws InterruptedException {
        List<JsonNode> upTo = upTo(frames, sentinel, atMost);
        return upTo.subList(0, upTo.size() - 1);
    }

    /** The frames that arrive up to the first that matches the sentinel, which is the last of them. */
    static List<JsonNode> upTo(
            BlockingQueue<JsonNode> frames, java.util.function.Predicate<JsonNode> sentinel, Duration atMost)
            throws InterruptedException {
        List<JsonNode> upTo = new ArrayList<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame =
                    frames.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (frame != null) {
                upTo.add(frame);
                if (sentinel.test(frame)) {
                    return upTo;
                }
            }
        }
        throw new AssertionError("No sentinel within " + atMost + "; got " + upTo);
    }

    /** Whether the frame is a stored change (not Typing or PresenceChanged). */
    static boolean isChange(JsonNode frame) {
        return !List.of("Typing", "PresenceChanged").contains(frame.path("type").asText());
    }

    /** A sentinel: the frame carries this content (a MessageSent). */
    static java.util.function.Predicate<JsonNode> content(String content) {
        return frame -> content.equals(frame.path("content").asText(null));
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
