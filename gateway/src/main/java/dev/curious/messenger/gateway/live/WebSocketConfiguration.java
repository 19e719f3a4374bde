package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.GatewayProperties;
import dev.curious.messenger.gateway.Rejection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * STOMP 1.2 over plain WebSocket at {@code /ws} with the in-memory broker for {@code /topic} and the users'
 * {@code /queue}s. Frames of one session are handled and delivered in the order they came, and only members'
 * sessions receive a conversation's frames.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebSocketConfiguration.class);

    /**
     * The WebSocket whose message this thread is reading: STOMP decodes on the thread that received it, and a frame
     * it cannot decode comes to {@link ProblemErrorFrames} without a session.
     */
    private static final ThreadLocal<String> READING = new ThreadLocal<>();

    /**
     * Characters of a text part, and bytes of a binary one, that Tomcat reads a WebSocket message in: its message
     * buffers, which every session holds from its start, are this big. Parts are joined here (see
     * {@link #configureWebSocketTransport}), so their size costs no more than a copy.
     */
    static final int MESSAGE_PART = 256;

    /**
     * Bytes of the socket's read and write buffers per connection: a read or an HTTP response's write of more takes
     * more system calls. WebSocket frames are written from their own buffers, so only HTTP uses the write buffer.
     */
    static final int SOCKET_BUFFER = 512;

    /**
     * Bytes of Tomcat's WebSocket read, write and encode buffers per session: a text message to the client goes out in
     * WebSocket fragments of at most this many bytes (every client joins them), one write each, so a typical frame
     * (a message's JSON and STOMP headers, under 1 KiB) is one write.
     */
    static final int WEBSOCKET_BUFFER = 1024;

    private final StompGuard guard;
    private final ConversationRelays relays;
    private final StompErrors errors;
    private final ConnectionWatch watch;
    private final SessionLifecycle lifecycle;
    private final Sessions sessions;
    private final GatewayProperties properties;

    WebSocketConfiguration(
            StompGuard guard,
            ConversationRelays relays,
            StompErrors errors,
            ConnectionWatch watch,
            SessionLifecycle lifecycle,
            Sessions sessions,
            GatewayProperties properties) {
        this.guard = guard;
        this.relays = relays;
        this.errors = errors;
        this.watch = watch;
        this.lifecycle = lifecycle;
        this.sessions = sessions;
        this.properties = properties;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // Tokens travel in CONNECT frames, never in cookies, so any origin may connect.
        registry.addEndpoint("/ws")
                .setAllowedOriginPatterns("*")
                .setHandshakeHandler(new DefaultHandshakeHandler(new HandshakeUpgrade()));
        registry.setPreserveReceiveOrder(true);
        registry.setErrorHandler(new ProblemErrorFrames());
        // Its ERROR lines quote a client's bytes and blame the server for the client's mistakes; ProblemErrorFrames
        // says instead what each failure was.
        LoggingSystem.get(getClass().getClassLoader())
                .setLogLevel(StompSubProtocolHandler.class.getName(), LogLevel.OFF);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        long heartbeat = properties.heartbeat().toMillis();
        registry.enableSimpleBroker("/topic", "/queue")
                .setHeartbeatValue(new long[] {heartbeat, heartbeat})
                .setTaskScheduler(watch.scheduler());
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard);
        // SENDs wait for their command; a session's frames are handled one after another.
        registration.taskExecutor().corePoolSize(16).maxPoolSize(16);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                return membersOnly(message) ? message : null;
            }
        });
    }

    /**
     * Tomcat reads WebSocket messages in parts of at most {@link #MESSAGE_PART} characters, which are joined here
     * ({@link LiveSession#join}) and reach STOMP whole, as Spring's handler expects; a message over
     * {@code max-frame-bytes} reaches it as far as it came, and STOMP's decoder refuses it with an ERROR frame. Tomcat
     * allocates its message buffers per session when the session opens, so whole-message delivery of 64 KiB frames
     * would cost every idle session about 400 KiB of heap (measured in docs/benchmarks.md); the parts' buffers cost
     * under 1 KiB, and a message being read costs its own size only while it is read.
     */
    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(properties.maxFrameBytes());
        // A client that stops reading: what waits for it in memory, and for how long, before its session is closed
        // (ConnectionWatch.OneWriter gives the close its reason).
        registration.setSendBufferSizeLimit(properties.sendBufferBytes());
        registration.setSendTimeLimit((int) properties.sendTimeLimit().toMillis());
        registration.addDecoratorFactory(handler -> new WebSocketHandlerDecorator(handler) {
            @Override
            public boolean supportsPartialMessages() {
                return true;
            }

            @Override
            public void afterConnectionEstablished(WebSocketSession container) throws Exception {
                WebSocketSession session = watch.opened(container);
                super.afterConnectionEstablished(session);
                // Spring's STOMP handler raises the buffer to 16 KiB + 256 characters for whole-message delivery;
                // with parts the small buffer is enough, and Tomcat would otherwise grow it at the first frame.
                session.setTextMessageSizeLimit(MESSAGE_PART);
            }

            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> part) throws Exception {
                LiveSession live = sessions.get(session.getId()).orElse(null);
                WebSocketMessage<?> message = part;
                if (live != null) {
                    live.heard();
                    message = live.join(part, properties.maxFrameBytes());
                    if (message == null) {
                        return;
                    }
                }
                READING.set(session.getId());
                try {
                    super.handleMessage(session, message);
                } finally {
                    READING.remove();
                }
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
                try {
                    super.afterConnectionClosed(session, closeStatus);
                } finally {
                    lifecycle.closed(session.getId());
                }
            }
        });
    }

    /** The connector's socket buffers at {@link #SOCKET_BUFFER} bytes instead of 8 KiB (see {@link ConnectionBuffers}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers() {
        // Before Tomcat starts, for a server not started from one of the applications' main methods (the tests').
        ConnectionBuffers.useSmallBuffers();
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER));
        });
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MESSAGE_PART);
        container.setMaxBinaryMessageBufferSize(MESSAGE_PART);
        return container;
    }

    private boolean membersOnly(Message<?> message) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
        String destination = headers.getDestination();
        if (headers.getMessageType() != SimpMessageType.MESSAGE
                || destination == null
                || !destination.startsWith(FrameWire.TOPIC)) {
            return true;
        }
        try {
            return relays.mayReceive(
                    headers.getSessionId(), UUID.fromString(destination.substring(FrameWire.TOPIC.length())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * ERROR frames for what fails while a frame is read (too large, not STOMP) or refused on its way in, with the
     * problem as JSON. It also says in the log what Spring's STOMP handler would have said at ERROR (silenced in the
     * constructor, as its lines quote the client's bytes): a client's mistake at most as a WARN, without its bytes and
     * at most one a second; only the server's own faults at ERROR.
     */
    private final class ProblemErrorFrames extends StompSubProtocolErrorHandler {

        private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
        private final AtomicLong unsaid = new AtomicLong();

        @Override
        public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable failure) {
            String receipt = null;
            String sessionId = null;
            if (clientMessage != null) {
                StompHeaderAccessor client =
                        MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class);
                receipt = client == null ? null : client.getReceipt();
                sessionId = client == null ? null : client.getSessionId();
            }
            Rejection rejection = clientMistake(failure);
            if (rejection == null) {
                log.error("A client's frame could not be handled (session {})", sessionId, failure);
                String detail = failure.getMessage() == null ? "The frame was refused" : failure.getMessage();
                rejection = detail.contains("limit") ? Rejection.tooLarge(detail) : Rejection.malformed(detail);
            } else {
                warn(rejection, sessionId);
            }
            String socket = sessionId != null ? sessionId : READING.get();
            if (socket != null) {
                // Written at once, then closed (ConnectionWatch#refuse): given back to Spring, the frame could be
                // buffered behind a CONNECTED still being flushed and dropped by the close that follows it.
                errors.refuse(socket, rejection, receipt);
                return null;
            }
            return errors.errorFrame(rejection, null, receipt);
        }

        private void warn(Rejection rejection, String sessionId) {
            long now = System.nanoTime();
            long next = nextWarning.get();
            if (now - next < 0 || !nextWarning.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(1))) {
                unsaid.incrementAndGet();
                return;
            }
            log.warn(
                    "A client's frame was refused ({} {}, session {}); {} more since the last such line",
                    rejection.status(),
                    rejection.code(),
                    sessionId,
                    unsaid.getAndSet(0));
        }

        /** The client's mistake as the answer it gets; null for a fault of the server's. */
        private static Rejection clientMistake(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof Rejection rejection) {
                    return rejection;
                }
                if (cause instanceof IllegalStateException late
                        && late.getMessage() != null
                        && late.getMessage().startsWith("Unknown session")) {
                    // A frame that came after its session was closed (after an ERROR frame, say).
                    return Rejection.malformed("The session is closed");
                }
                if (cause instanceof StompConversionException
                        || cause instanceof InvalidMimeTypeException
                        || cause instanceof IllegalArgumentException) {
                    String detail = cause.getMessage() == null ? "" : cause.getMessage();
                    return detail.contains("limit")
                            ? Rejection.tooLarge("The frame is over the size limit")
                            : Rejection.malformed("The frame is not STOMP 1.2 that this server can read");
                }
            }
            return null;
        }
    }
}
