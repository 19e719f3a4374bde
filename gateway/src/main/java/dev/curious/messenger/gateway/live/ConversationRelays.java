package dev.curious.messenger.gateway.live;

import dev.curious.messenger.api.conversation.ConversationDetails;
import dev.curious.messenger.api.conversation.ConversationFrame;
import dev.curious.messenger.api.conversation.FindConversationQuery;
import dev.curious.messenger.api.conversation.MemberView;
import dev.curious.messenger.api.conversation.WatchConversationQuery;
import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Feeds {@code /topic/conversations/{id}} from the query side: one subscription query per conversation that has
 * subscribers on this gateway, opened by the first and closed with the last. Each relay knows the members as the
 * read model does (a snapshot plus the pushed MemberAdded/MemberRemoved frames, in their order), which decides who
 * may subscribe and who receives: a removed member's subscriptions end with the frame that removes them.
 */
@Component
class ConversationRelays {

    static final String TOPIC = "/topic/conversations/";
    private static final Logger log = LoggerFactory.getLogger(ConversationRelays.class);

    /** One client subscription to a conversation topic. */
    private record Subscription(String sessionId, String subscriptionId, UUID userId, UUID conversationId) {}

    private final QueryGateway queryGateway;
    private final Queries queries;
    // The broker's beans depend on this one through the channel interceptors: looked up when first used.
    private final ObjectProvider<SimpMessagingTemplate> broker;
    private final ObjectProvider<SimpleBrokerMessageHandler> brokerHandler;
    private final Sessions sessions;
    // Changed only under its own lock; read without one by the outbound filter.
    private final Map<UUID, Relay> relays = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Subscription>> bySession = new ConcurrentHashMap<>();

    ConversationRelays(
            QueryGateway queryGateway,
            Queries queries,
            ObjectProvider<SimpMessagingTemplate> broker,
            ObjectProvider<SimpleBrokerMessageHandler> brokerHandler,
            Sessions sessions) {
        this.queryGateway = queryGateway;
        this.queries = queries;
        this.broker = broker;
        this.brokerHandler = brokerHandler;
        this.sessions = sessions;
    }

    /** Admits a member's subscription; a {@link Rejection} for anyone else. */
    void subscribe(String sessionId, String subscriptionId, UUID userId, UUID conversationId) {
        Relay relay = acquire(conversationId);
        if (!relay.members.contains(userId)) {
            release(relay);
            throw Rejection.notFound(ErrorCode.NOT_A_MEMBER, "You are not a member of conversation " + conversationId);
        }
        bySession
                .computeIfAbsent(sessionId, s -> new ConcurrentHashMap<>())
                .put(subscriptionId, new Subscription(sessionId, subscriptionId, userId, conversationId));
    }

    void unsubscribe(String sessionId, String subscriptionId) {
        Map<String, Subscription> subscriptions = bySession.get(sessionId);
        Subscription subscription = subscriptions == null ? null : subscriptions.remove(subscriptionId);
        if (subscription != null) {
            releaseByConversation(subscription.conversationId());
        }
    }

    void disconnected(String sessionId) {
        Map<String, Subscription> subscriptions = bySession.remove(sessionId);
        if (subscriptions != null) {
            subscriptions.values().forEach(s -> releaseByConversation(s.conversationId()));
        }
    }

    /** Whether a frame of the conversation may go to the session: only while its user is a member. */
    boolean mayReceive(String sessionId, UUID conversationId) {
        Relay relay = relays.get(conversationId);
        return relay != null
                && sessions.caller(sessionId)
                        .map(caller -> relay.members.contains(caller.userId()))
                        .orElse(false);
    }

    /** Whether the user is a member, as far as a relay on this gateway knows; empty when none watches it. */
    Optional<Boolean> knownMember(UUID conversationId, UUID userId) {
        synchronized (relays) {
            Relay relay = relays.get(conversationId);
            return relay == null ? Optional.empty() : Optional.of(relay.members.contains(userId));
        }
    }

    /** The members of a watched conversation. */
    Set<UUID> members(UUID conversationId) {
        synchronized (relays) {
            Relay relay = relays.get(conversationId);
            return relay == null ? Set.of() : Set.copyOf(relay.members);
        }
    }

    private Relay acquire(UUID conversationId) {
        synchronized (relays) {
            Relay relay = relays.get(conversationId);
            if (relay == null) {
                relay = new Relay(conversationId);
                relay.open();
                relays.put(conversationId, relay);
            }
            relay.references++;
            return relay;
        }
    }

    private void releaseByConversation(UUID conversationId) {
        synchronized (relays) {
            Relay relay = relays.get(conversationId);
            if (relay != null) {
                release(relay);
            }
        }
    }

    private void release(Relay relay) {
        synchronized (relays) {
            if (--relay.references <= 0) {
                relays.remove(relay.conversationId);
                relay.close();
            }
        }
    }

    /** Ends a removed member's subscriptions to the conversation in the broker, as if they had unsubscribed. */
    private void endSubscriptions(UUID conversationId, UUID userId) {
        List<Subscription> ended = new ArrayList<>();
        bySession
                .values()
                .forEach(subscriptions -> subscriptions.values().removeIf(s -> {
                    boolean ends = s.conversationId().equals(conversationId)
                            && s.userId().equals(userId);
                    if (ends) {
                        ended.add(s);
                    }
                    return ends;
                }));
        for (Subscription subscription : ended) {
            SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.UNSUBSCRIBE);
            headers.setSessionId(subscription.sessionId());
            headers.setSubscriptionId(subscription.subscriptionId());
            brokerHandler
                    .getObject()
                    .getSubscriptionRegistry()
                    .unregisterSubscription(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()));
            releaseByConversation(conversationId);
        }
    }

    private static Map<String, Object> payload(ConversationFrame frame) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", frame.type());
        payload.put("conversationId", frame.conversationId());
        payload.putAll(frame.fields());
        return payload;
    }

    /** One conversation's subscription query and its members. */
    private final class Relay {

        private final UUID conversationId;
        private final Set<UUID> members = ConcurrentHashMap.newKeySet();
        private int references;
        private SubscriptionQueryResult<Long, ConversationFrame> subscription;

        Relay(UUID conversationId) {
            this.conversationId = conversationId;
        }

        /**
         * Registers for updates before reading the members, so no change falls between the two: updates are held
         * until the flux is subscribed, and applying one the snapshot already shows changes nothing.
         */
        void open() {
            subscription = queryGateway.subscriptionQuery(
                    new WatchConversationQuery(conversationId),
                    ResponseTypes.instanceOf(Long.class),
                    ResponseTypes.instanceOf(ConversationFrame.class));
            Optional<ConversationDetails> details;
            try {
                details = queries.optional(new FindConversationQuery(conversationId, null), ConversationDetails.class);
            } catch (RuntimeException e) {
                subscription.close();
                throw e;
            }
            if (details.isEmpty()) {
                subscription.close();
                throw Rejection.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + conversationId);
            }
            details.get().members().stream().map(MemberView::userId).forEach(members::add);
            subscription
                    .updates()
                    .subscribe(
                            this::relay,
                            failure -> log.warn(
                                    "Updates of conversation {} ended: {}", conversationId, failure.toString()));
        }

        void close() {
            subscription.close();
        }

        private void relay(ConversationFrame frame) {
            // A UUID in this JVM, a string when the frame came through Axon Server.
            Object user = frame.fields().get("userId");
            UUID userId = user == null ? null : UUID.fromString(user.toString());
            if (frame.type().equals("MemberAdded") && userId != null) {
                members.add(userId);
            }
            boolean removal = frame.type().equals("MemberRemoved") && userId != null;
            if (removal) {
                members.remove(userId);
            }
            broker.getObject().convertAndSend(TOPIC + conversationId, payload(frame));
            if (removal) {
                endSubscriptions(conversationId, userId);
            }
        }
    }
}
