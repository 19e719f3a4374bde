package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.GatewayProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The open WebSocket connections. Closes those that hold a place without taking part: one that has not sent a valid
 * CONNECT within {@code connect-timeout}, and one that agreed to send heart-beats and has been silent for twice the
 * agreed interval (STOMP 1.2: the larger of what the client offers and what the server wants). And ends a refused
 * connection with its ERROR frame written first: Spring's session decorator buffers a frame while another thread
 * writes and drops the buffer when the session closes, so an ERROR sent while a CONNECTED was still being flushed
 * was lost.
 */
@Component
class ConnectionWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionWatch.class);
    private static final Duration SWEEP = Duration.ofSeconds(1);

    /**
     * The container's session under Spring's buffering decorator, written by one thread at a time: the decorator's
     * flushing thread, or {@link #refuse}.
     */
    static final class OneWriter extends WebSocketSessionDecorator {
        OneWriter(WebSocketSession session) {
            super(session);
        }

        @Override
        public synchronized void sendMessage(WebSocketMessage<?> message) throws IOException {
            super.sendMessage(message);
        }

        @Override
        public synchronized void close(CloseStatus status) throws IOException {
            super.close(status);
        }
    }

    /** One open WebSocket; fields written by its own frames, read by the sweep. */
    private static final class Connection {
        final OneWriter socket;
        final long openedAt = System.nanoTime();
        volatile long heardAt = openedAt;
        volatile boolean connected;
        volatile long silenceAllowed;

        Connection(OneWriter socket) {
            this.socket = socket;
        }
    }

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final long connectTimeout;
    private final long serverWantsEvery;
    private volatile ScheduledFuture<?> sweeping;

    ConnectionWatch(GatewayProperties properties) {
        this.connectTimeout = properties.connectTimeout().toNanos();
        this.serverWantsEvery = properties.heartbeat().toMillis();
        scheduler.setThreadNamePrefix("stomp-watch-");
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    /** The scheduler that also sends the broker's heart-beats. */
    TaskScheduler scheduler() {
        return scheduler;
    }

    /** A new connection; the session to hand to Spring's handler in its place. */
    WebSocketSession opened(WebSocketSession socket) {
        OneWriter writer = new OneWriter(socket);
        connections.put(socket.getId(), new Connection(writer));
        return writer;
    }

    /** Writes the frame, then closes the connection; false when it is not open here. */
    boolean refuse(String sessionId, byte[] errorFrame) {
        Connection connection = connections.remove(sessionId);
        if (connection == null) {
            return false;
        }
        synchronized (connection.socket) {
            try {
                connection.socket.sendMessage(new TextMessage(errorFrame));
            } catch (IOException | RuntimeException gone) {
                // closed meanwhile: closing again below is harmless
            }
            close(connection.socket, CloseStatus.PROTOCOL_ERROR);
        }
        return true;
    }

    /** Anything at all from the client, a heart-beat included. */
    void heard(String sessionId) {
        Connection connection = connections.get(sessionId);
        if (connection != null) {
            connection.heardAt = System.nanoTime();
        }
    }

    /** A valid CONNECT, with the client's {@code heart-beat} header ({@code [cx, cy]}, or null). */
    void connected(String sessionId, long[] clientHeartbeat) {
        Connection connection = connections.get(sessionId);
        if (connection == null) {
            return;
        }
        long clientSendsEvery = clientHeartbeat == null || clientHeartbeat.length < 1 ? 0 : clientHeartbeat[0];
        connection.silenceAllowed = clientSendsEvery > 0 && serverWantsEvery > 0
                ? Duration.ofMillis(2 * Math.max(clientSendsEvery, serverWantsEvery))
                        .toNanos()
                : 0;
        connection.connected = true;
    }

    void closed(String sessionId) {
        connections.remove(sessionId);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Connection connection : connections.values()) {
            if (!connection.connected && now - connection.openedAt > connectTimeout) {
                close(
                        connection,
                        "no valid CONNECT within "
                                + Duration.ofNanos(connectTimeout).toSeconds() + " s");
            } else if (connection.connected
                    && connection.silenceAllowed > 0
                    && now - connection.heardAt > connection.silenceAllowed) {
                close(connection, "silent for twice the agreed heart-beat interval");
            }
        }
    }

    private void close(Connection connection, String reason) {
        connections.remove(connection.socket.getId());
        log.debug("Closing WebSocket {}: {}", connection.socket.getId(), reason);
        close(connection.socket, CloseStatus.POLICY_VIOLATION.withReason(reason));
    }

    private static void close(WebSocketSession socket, CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | RuntimeException alreadyGone) {
            // closed meanwhile
        }
    }

    @Override
    public void start() {
        sweeping = scheduler.scheduleWithFixedDelay(this::sweep, SWEEP);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = sweeping;
        if (running != null) {
            running.cancel(false);
            sweeping = null;
        }
        scheduler.shutdown();
    }

    @Override
    public boolean isRunning() {
        return sweeping != null;
    }
}
