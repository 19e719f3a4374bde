package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.GatewayProperties;
import dev.curious.messenger.gateway.Rejection;
import java.util.UUID;
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
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * STOMP 1.2 over plain WebSocket at {@code /ws} with the in-memory broker for {@code /topic} and the users'
 * {@code /queue}s. Frames of one session are handled and delivered in the order they came, and only members'
 * sessions receive a conversation's frames.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

    /** Characters (or bytes) per WebSocket message part, and the size of Tomcat's per-connection buffers. */
    static final int MESSAGE_BUFFER = 4096;

    private final StompGuard guard;
    private final ConversationRelays relays;
    private final StompErrors errors;
    private final ConnectionWatch watch;
    private final GatewayProperties properties;

    WebSocketConfiguration(
            StompGuard guard,
            ConversationRelays relays,
            StompErrors errors,
            ConnectionWatch watch,
            GatewayProperties properties) {
        this.guard = guard;
        this.relays = relays;
        this.errors = errors;
        this.watch = watch;
        this.properties = properties;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // Tokens travel in CONNECT frames, never in cookies, so any origin may connect.
        registry.addEndpoint("/ws").setAllowedOriginPatterns("*");
        registry.setPreserveReceiveOrder(true);
        registry.setErrorHandler(new ProblemErrorFrames());
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
     * WebSocket messages reach STOMP in parts of at most {@link #MESSAGE_BUFFER} characters; STOMP's decoder joins the
     * parts of a frame and refuses one over {@code max-frame-bytes} with an ERROR frame. Tomcat allocates its message
     * buffers per session when the session opens, so whole-message delivery of 64 KiB frames would cost every idle
     * session about 400 KiB of heap (measured in docs/benchmarks.md); in parts it costs a few KiB.
     */
    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(properties.maxFrameBytes());
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
                session.setTextMessageSizeLimit(MESSAGE_BUFFER);
            }

            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                watch.heard(session.getId());
                super.handleMessage(session, message);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
                watch.closed(session.getId());
                super.afterConnectionClosed(session, closeStatus);
            }
        });
    }

    /** The connector's socket buffers at 4 KiB instead of 8 (see {@link ConnectionBuffers}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(MESSAGE_BUFFER));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(MESSAGE_BUFFER));
        });
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MESSAGE_BUFFER);
        container.setMaxBinaryMessageBufferSize(MESSAGE_BUFFER);
        return container;
    }

    private boolean membersOnly(Message<?> message) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
        String destination = headers.getDestination();
        if (headers.getMessageType() != SimpMessageType.MESSAGE
                || destination == null
                || !destination.startsWith(ConversationRelays.TOPIC)) {
            return true;
        }
        try {
            return relays.mayReceive(
                    headers.getSessionId(), UUID.fromString(destination.substring(ConversationRelays.TOPIC.length())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** ERROR frames for what fails while a frame is read (too large, not STOMP), with the problem as JSON. */
    private final class ProblemErrorFrames extends StompSubProtocolErrorHandler {

        @Override
        public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable failure) {
            String receipt = null;
            if (clientMessage != null) {
                StompHeaderAccessor client =
                        MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class);
                receipt = client == null ? null : client.getReceipt();
            }
            return errors.errorFrame(rejection(failure), null, receipt);
        }

        private static Rejection rejection(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof Rejection rejection) {
                    return rejection;
                }
            }
            String detail = failure.getMessage() == null ? "The frame was refused" : failure.getMessage();
            return detail.contains("limit") ? Rejection.tooLarge(detail) : Rejection.malformed(detail);
        }
    }
}
