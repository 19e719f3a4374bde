package dev.curious.messenger.gateway.live;

import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.live.Relay.Subscriber;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Feeds {@code /topic/conversations/{id}} from the node's one stream of frames ({@link FrameStream}): a {@link Relay}
 * for each conversation that has subscribers on this gateway, made by the first and dropped with the last, each with
 * its own lock (a slow query for one conversation stalls no other), and a frame of a conversation nobody here watches
 * costs a map look-up. The relays deliver the frames themselves (the broker never sees these subscriptions); when the
 * stream was away, every relay reads what it missed from the frame log once it is open again.
 */
@Component
class ConversationRelays {

    private static final Logger log = LoggerFactory.getLogger(ConversationRelays.class);

    private final Queries queries;
    private final FrameWire wire;
    private final Sessions sessions;
    private final Map<UUID, Relay> relays = new ConcurrentHashMap<>();

    ConversationRelays(Queries queries, FrameWire wire, Sessions sessions) {
        this.queries = queries;
        this.wire = wire;
        this.sessions = sessions;
    }

    /**
     * Admits a member's subscription (which the session already holds), first sending it the stored frames after
     * {@code since} when given; a {@code Rejection} for anyone else, or (410) when frames after {@code since} are past
     * the retention.
     */
    void subscribe(LiveSession session, String subscriptionId, UUID userId, UUID conversationId, Long since) {
        Relay relay = acquire(conversationId);
        try {
            relay.add(new Subscriber(session, subscriptionId, userId), since);
        } catch (RuntimeException refused) {
            release(relay);
            throw refused;
        }
        if (sessions.get(session.id()).orElse(null) != session) {
            // Closed while it subscribed: its close did not find this subscription in the relay yet.
            end(conversationId, session, subscriptionId);
        }
    }

    /** Ends a subscription to the conversation, if the relay still has it. */
    void end(UUID conversationId, LiveSession session, String subscriptionId) {
        Relay relay = relays.get(conversationId);
        if (relay != null && relay.remove(session, subscriptionId)) {
            release(relay);
        }
    }

    /** Ends every conversation subscription of a session that closed. */
    void endAll(LiveSession session) {
        session.subscriptions().forEach((subscriptionId, destination) -> {
            if (destination.startsWith(FrameWire.TOPIC)) {
                end(UUID.fromString(destination.substring(FrameWire.TOPIC.length())), session, subscriptionId);
            }
        });
    }

    /** Whether a frame of the conversation may go to the session: only while its user is a member. */
    boolean mayReceive(String sessionId, UUID conversationId) {
        Relay relay = relays.get(conversationId);
        return relay != null
                && sessions.caller(sessionId)
                        .map(caller -> relay.isMember(caller.userId()))
                        .orElse(false);
    }

    /** Whether the user is a member, as far as a relay on this gateway knows; empty when none watches it. */
    Optional<Boolean> knownMember(UUID conversationId, UUID userId) {
        Relay relay = relays.get(conversationId);
        return relay == null ? Optional.empty() : Optional.of(relay.isMember(userId));
    }

    /** The members of a watched conversation. */
    Set<UUID> members(UUID conversationId) {
        Relay relay = relays.get(conversationId);
        return relay == null ? Set.of() : relay.members();
    }

    /** Sends one frame to one subscription, in order with everything else that session receives. */
    void sendTo(String sessionId, String subscriptionId, ConversationFrame frame) {
        sessions.get(sessionId)
                .ifPresent(session -> wire.send(session, subscriptionId, frame.conversationId(), wire.bytes(frame)));
    }

    /** A frame from the node's stream, for the relay of its conversation if one is open here. */
    void dispatch(ConversationFrame frame) {
        Relay relay = relays.get(frame.conversationId());
        if (relay != null) {
            relay.relay(frame);
        }
    }

    /** After the stream was away: every relay reads the frames it missed from the frame log. */
    void catchUpAll() {
        for (Relay relay : relays.values()) {
            try {
                relay.catchUpNow();
            } catch (RuntimeException notYet) {
                log.warn("Conversation {} could not catch up yet: {}", relay.conversationId(), notYet.toString());
            }
        }
    }

    /** The conversation's relay, open and with a reference taken; read under its own lock, never a node-wide one. */
    private Relay acquire(UUID conversationId) {
        while (true) {
            Relay relay = relays.computeIfAbsent(conversationId, id -> new Relay(id, queries, wire, this::removed));
            boolean retained;
            try {
                retained = relay.retain();
            } catch (RuntimeException failed) {
                relays.remove(conversationId, relay);
                throw failed;
            }
            if (retained) {
                return relay;
            }
            relays.remove(conversationId, relay); // released meanwhile: take a new one
        }
    }

    /** The one way a relay's reference is given back; the last one takes it out of the registry. */
    private void release(Relay relay) {
        if (relay.release()) {
            relays.remove(relay.conversationId(), relay);
        }
    }

    /** A subscription the relay ended at its member's removal: its session forgets it, the relay lets go of it. */
    private void removed(Relay relay, Subscriber subscriber) {
        subscriber.session().forget(subscriber.subscriptionId(), FrameWire.TOPIC + relay.conversationId());
        release(relay);
    }
}
