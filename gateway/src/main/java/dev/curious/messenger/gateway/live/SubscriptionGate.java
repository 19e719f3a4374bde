package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.AuditTrail;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.GatewayProperties;
import dev.curious.messenger.gateway.Rejection;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Which subscriptions a session may hold: a conversation's topic for its members (fed by its relay, resumed after
 * {@code since} when given) and the caller's own queues (fed by the broker), nothing else, up to the session's
 * limit. A conversation subscription is answered with its RECEIPT as soon as it is registered.
 */
@Component
class SubscriptionGate {

    private static final Pattern CONVERSATION_TOPIC =
            Pattern.compile(Pattern.quote(FrameWire.TOPIC) + "([0-9a-fA-F-]{36})");
    /** The caller's own queues, which the broker feeds. */
    static final Set<String> OWN_QUEUES = Set.of("/user/queue/errors", "/user/queue/notifications");

    private final ConversationRelays relays;
    private final Presence presence;
    private final AuditTrail auditTrail;
    private final FrameWire wire;
    private final int maxSubscriptions;

    SubscriptionGate(
            ConversationRelays relays,
            Presence presence,
            AuditTrail auditTrail,
            FrameWire wire,
            GatewayProperties properties) {
        this.relays = relays;
        this.presence = presence;
        this.auditTrail = auditTrail;
        this.wire = wire;
        this.maxSubscriptions = properties.maxSubscriptions();
    }

    /** Admits the subscription; true when the broker is to deliver to it (the caller's own queues). */
    boolean subscribe(LiveSession session, Caller caller, StompHeaderAccessor stomp) {
        String destination = stomp.getDestination();
        String subscriptionId = stomp.getSubscriptionId();
        if (subscriptionId == null) {
            throw Rejection.malformed("A SUBSCRIBE needs an id header");
        }
        if (!session.hasRoomFor(subscriptionId, maxSubscriptions)) {
            throw Rejection.subscriptionLimit(
                    "A session holds at most " + maxSubscriptions + " subscriptions: unsubscribe first");
        }
        Matcher topic = destination == null ? null : CONVERSATION_TOPIC.matcher(destination);
        if (topic != null && topic.matches()) {
            UUID conversationId = UUID.fromString(topic.group(1));
            Long since = since(stomp);
            unsubscribe(session, subscriptionId); // a SUBSCRIBE that reuses an id replaces its subscription
            session.hold(subscriptionId, FrameWire.TOPIC + conversationId);
            try {
                relays.subscribe(session, subscriptionId, caller.userId(), conversationId, since);
            } catch (Rejection refused) {
                session.forget(subscriptionId);
                auditTrail.record(caller, "Subscribe", conversationId, null, refused.code());
                throw refused;
            }
            if (stomp.getReceipt() != null) {
                wire.receipt(session, stomp.getReceipt());
            }
            presence.showOnlineMembers(session.id(), subscriptionId, conversationId);
            return false; // the relay delivers a conversation's frames itself, in frameSeq order
        }
        if (destination == null || !OWN_QUEUES.contains(destination)) {
            throw Rejection.forbidden("Subscribe to /topic/conversations/{id}, /user/queue/errors or"
                    + " /user/queue/notifications, not " + destination);
        }
        session.hold(subscriptionId, destination);
        return true;
    }

    void unsubscribe(LiveSession session, String subscriptionId) {
        String destination = session.forget(subscriptionId);
        if (destination != null && destination.startsWith(FrameWire.TOPIC)) {
            relays.end(UUID.fromString(destination.substring(FrameWire.TOPIC.length())), session, subscriptionId);
        }
    }

    /** The {@code since} header of a resuming SUBSCRIBE: the last frameSeq the client has; null when absent. */
    private static Long since(StompHeaderAccessor stomp) {
        String since = stomp.getFirstNativeHeader("since");
        if (since == null) {
            return null;
        }
        try {
            long position = Long.parseLong(since.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw Rejection.invalid("since", "since is the last frameSeq received, 0 or more: not " + since);
    }
}
