package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.GatewayProperties;
import java.io.IOException;
import java.time.Duration;
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
 * Watches the open connections (kept by {@link Sessions}). Closes those that hold a place without taking part: one that has not sent a valid
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
    static final String TOO_SLOW = "Too slow: frames were left unread; reconnect and resume with since";

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

        /**
         * Spring closes a session whose client leaves over {@code send-buffer-bytes} unread, or one write unfinished
         * for {@code send-time-limit}, with 4500 and no reason; the client is told what to do.
         */
        @Override
        public synchronized void close(CloseStatus status) throws IOException {
            super.close(CloseStatus.SESSION_NOT_RELIABLE.equals(status) ? status.withReason(TOO_SLOW) : status);
        }
    }

    private final Sessions sessions;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final long connectTimeout;
    private final long serverWantsEvery;
    private volatile ScheduledFuture<?> sweeping;

    ConnectionWatch(Sessions sessions, GatewayProperties properties) {
        this.sessions = sessions;
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
        return sessions.open(new OneWriter(socket)).socket();
    }

    /** Writes the frame, then closes the connection; false when it is not open here. */
    boolean refuse(String sessionId, byte[] errorFrame) {
        LiveSession session = sessions.get(sessionId).orElse(null);
        if (session == null) {
            return false;
        }
        WebSocketSession socket = session.socket();
        synchronized (socket) {
            try {
                socket.sendMessage(new TextMessage(errorFrame));
            } catch (IOException | RuntimeException gone) {
                // closed meanwhile: closing again below is harmless
            }
            close(socket, CloseStatus.PROTOCOL_ERROR);
        }
        return true;
    }

    /**
     * How long a client with this {@code heart-beat} header ({@code [cx, cy]}, or null) may stay silent: twice the
     * agreed interval, or 0 when it does not beat.
     */
    long silenceAllowed(long[] clientHeartbeat) {
        long clientSendsEvery = clientHeartbeat == null || clientHeartbeat.length < 1 ? 0 : clientHeartbeat[0];
        return clientSendsEvery > 0 && serverWantsEvery > 0
                ? Duration.ofMillis(2 * Math.max(clientSendsEvery, serverWantsEvery))
                        .toNanos()
                : 0;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (LiveSession session : sessions.all()) {
            if (!session.isConnected() && now - session.openedAt() > connectTimeout) {
                close(
                        session,
                        "no valid CONNECT within "
                                + Duration.ofNanos(connectTimeout).toSeconds() + " s");
            } else if (session.isConnected()
                    && session.silenceAllowed() > 0
                    && now - session.heardAt() > session.silenceAllowed()) {
                close(session, "silent for twice the agreed heart-beat interval");
            }
        }
    }

    private static void close(LiveSession session, String reason) {
        log.debug("Closing WebSocket {}: {}", session.id(), reason);
        close(session.socket(), CloseStatus.POLICY_VIOLATION.withReason(reason));
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
