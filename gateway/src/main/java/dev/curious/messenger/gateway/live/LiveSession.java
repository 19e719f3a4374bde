package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.Caller;
import io.github.bucket4j.Bucket;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.messaging.MessageChannel;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open WebSocket and the STOMP session on it: whose it is and until when, what it subscribed to, how many SENDs it
 * may still make, when its client was last heard, the message it is reading, and its ordered channel to the client. Everything the live path keeps per
 * session lives here, so that closing a session ({@link Sessions#close}) forgets all of it at once.
 */
final class LiveSession {

    private final String id;
    private final WebSocketSession socket;
    private final Bucket sends;
    private final long openedAt = System.nanoTime();
    private final AtomicLong frames = new AtomicLong();
    /** Subscription id to destination: the caller's own queues and conversation topics alike. */
    private final Map<String, String> subscriptions = new ConcurrentHashMap<>();

    private volatile long heardAt = openedAt;

    private volatile long silenceAllowed;
    private volatile long expiresAtMillis = Long.MAX_VALUE;
    private volatile Caller caller;
    private volatile MessageChannel outbound;

    /**
     * The parts of the WebSocket message being read, null between messages. Tomcat reads one session's messages one
     * at a time, each part under its socket's lock, so the fields need no more.
     */
    private ByteArrayOutputStream parts;

    private boolean dropping;

    LiveSession(String id, WebSocketSession socket, Bucket sends) {
        this.id = id;
        this.socket = socket;
        this.sends = sends;
    }

    String id() {
        return id;
    }

    WebSocketSession socket() {
        return socket;
    }

    /**
     * Admitted by a valid CONNECT with a token valid until {@code expiresAt} (null: no end): from now on frames go to
     * the client through {@code outbound}, in order.
     */
    void connected(Caller caller, MessageChannel outbound, long silenceAllowedNanos, Instant expiresAt) {
        this.outbound = outbound;
        this.silenceAllowed = silenceAllowedNanos;
        this.expiresAtMillis = expiresAt == null ? Long.MAX_VALUE : expiresAt.toEpochMilli();
        this.caller = caller;
    }

    /** Whether the token the session was admitted with has expired. */
    boolean tokenExpired() {
        return System.currentTimeMillis() > expiresAtMillis;
    }

    boolean isConnected() {
        return caller != null;
    }

    /** Who the session is for, once connected; its correlation id names the session only. */
    Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    /**
     * The caller for one frame the client sent: a STOMP frame is the request, so each gets its own correlation id,
     * which still says the session it came on.
     */
    Optional<Caller> callerForFrame() {
        return caller().map(who -> who.withCorrelationId(id + "/" + frames.incrementAndGet()));
    }

    Optional<MessageChannel> outbound() {
        return Optional.ofNullable(outbound);
    }

    void heard() {
        heardAt = System.nanoTime();
    }

    long openedAt() {
        return openedAt;
    }

    long heardAt() {
        return heardAt;
    }

    /** How long the client may stay silent, by the agreed heart-beats; 0 when it need not beat at all. */
    long silenceAllowed() {
        return silenceAllowed;
    }

    /**
     * The WebSocket message that {@code part} completes: the part itself when it is a whole message, null while more
     * parts are to come. Parts are joined while they stay within {@code limit} bytes; a message past it is handed on
     * as far as it came, for STOMP's decoder to refuse, and the rest of its parts are dropped.
     */
    WebSocketMessage<?> join(WebSocketMessage<?> part, int limit) {
        if (dropping) {
            dropping = !part.isLast();
            return null;
        }
        if (parts == null && part.isLast()) {
            return part;
        }
        byte[] bytes = part instanceof TextMessage text ? text.asBytes() : bytes((BinaryMessage) part);
        if (parts == null) {
            parts = new ByteArrayOutputStream(Math.min(limit + 1, 4 * bytes.length));
        }
        parts.writeBytes(bytes);
        if (!part.isLast() && parts.size() <= limit) {
            return null;
        }
        byte[] whole = parts.toByteArray();
        parts = null;
        dropping = !part.isLast();
        return part instanceof TextMessage ? new TextMessage(whole) : new BinaryMessage(whole);
    }

    private static byte[] bytes(BinaryMessage part) {
        ByteBuffer payload = part.getPayload();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return bytes;
    }

    /** Takes one SEND from the session's allowance; false when it has none left for now. */
    boolean trySend() {
        return sends.tryConsume(1);
    }

    /** Whether the session may hold this subscription: it holds it already, or fewer than {@code max} others. */
    boolean hasRoomFor(String subscriptionId, int max) {
        return subscriptions.containsKey(subscriptionId) || subscriptions.size() < max;
    }

    void hold(String subscriptionId, String destination) {
        subscriptions.put(subscriptionId, destination);
    }

    /** Forgets a subscription; its destination, or null when the session did not hold it. */
    String forget(String subscriptionId) {
        return subscriptionId == null ? null : subscriptions.remove(subscriptionId);
    }

    /** Forgets a subscription only while it is still to {@code destination}; true when it was. */
    boolean forget(String subscriptionId, String destination) {
        return subscriptions.remove(subscriptionId, destination);
    }

    /** The subscriptions held now, id to destination. */
    Map<String, String> subscriptions() {
        return Map.copyOf(subscriptions);
    }
}
