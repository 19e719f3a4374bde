package dev.curious.messenger.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.api.conversation.ConversationDetails;
import dev.curious.messenger.api.conversation.FindConversationQuery;
import dev.curious.messenger.api.conversation.MemberView;
import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.api.frame.FindFramesQuery;
import dev.curious.messenger.api.frame.FramePage;
import dev.curious.messenger.api.frame.MemberAddedFrame;
import dev.curious.messenger.api.frame.MemberRemovedFrame;
import dev.curious.messenger.api.frame.StoredFrame;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.Rejection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Feeds {@code /topic/conversations/{id}} from the node's one stream of frames ({@link FrameStream}): a relay for each
 * conversation that has subscribers on this gateway, made by the first and dropped with the last, each with its own
 * lock (a slow query for one conversation stalls no other), and a frame of a conversation nobody here watches costs a
 * map look-up. A relay delivers each frame itself, through every subscriber's ordered session channel (the broker
 * never sees these subscriptions), so that it can:
 *
 * <ul>
 *   <li>deliver stored frames exactly once and in {@code frameSeq} order: a repeat is dropped, a gap is filled from
 *       the frame log first;
 *   <li>carry on by itself when the stream ends (a restarted query side, Axon Server away): once it is open again,
 *       every relay reads what it missed from the frame log;
 *   <li>resume a client: a SUBSCRIBE with {@code since} first gets the stored frames after it, then live ones, with
 *       neither gap nor repeat at the seam (both are sent under the relay's lock, in that order);
 *   <li>keep the members as the read model does (a snapshot, then MemberAdded/MemberRemoved in order): only members
 *       subscribe and receive, and a removed member's subscriptions end at the frame that removes them.
 * </ul>
 */
@Component
class ConversationRelays {

    static final String TOPIC = "/topic/conversations/";
    private static final Logger log = LoggerFactory.getLogger(ConversationRelays.class);
    private static final int PAGE = 200;

    /** One client subscription to a conversation topic. */
    private record Subscription(String sessionId, String subscriptionId, UUID userId) {}

    private final Queries queries;
    private final Sessions sessions;
    private final ObjectMapper json;
    private final Map<UUID, Relay> relays = new ConcurrentHashMap<>();
    /** Each session's subscriptions to conversation topics: subscription id to conversation. */
    private final Map<String, Map<String, UUID>> bySession = new ConcurrentHashMap<>();

    ConversationRelays(Queries queries, Sessions sessions, ObjectMapper json) {
        this.queries = queries;
        this.sessions = sessions;
        this.json = json;
    }

    /**
     * Admits a member's subscription, first sending it the stored frames after {@code since} when given; a
     * {@link Rejection} for anyone else, or (410) when frames after {@code since} are past the retention.
     */
    void subscribe(String sessionId, String subscriptionId, UUID userId, UUID conversationId, Long since) {
        Relay relay = acquire(conversationId);
        try {
            relay.add(new Subscription(sessionId, subscriptionId, userId), since);
        } catch (RuntimeException refused) {
            release(relay);
            throw refused;
        }
        bySession.computeIfAbsent(sessionId, s -> new ConcurrentHashMap<>()).put(subscriptionId, conversationId);
    }

    void unsubscribe(String sessionId, String subscriptionId) {
        Map<String, UUID> subscriptions = bySession.get(sessionId);
        UUID conversationId = subscriptions == null ? null : subscriptions.remove(subscriptionId);
        if (conversationId != null) {
            ended(conversationId, sessionId, subscriptionId);
        }
    }

    void disconnected(String sessionId) {
        Map<String, UUID> subscriptions = bySession.remove(sessionId);
        if (subscriptions != null) {
            subscriptions.forEach((subscriptionId, conversationId) -> ended(conversationId, sessionId, subscriptionId));
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
        Relay relay = relays.get(conversationId);
        return relay == null ? Optional.empty() : Optional.of(relay.members.contains(userId));
    }

    /** The members of a watched conversation. */
    Set<UUID> members(UUID conversationId) {
        Relay relay = relays.get(conversationId);
        return relay == null ? Set.of() : Set.copyOf(relay.members);
    }

    /** Sends one frame to one subscription, in order with everything else that session receives. */
    void sendTo(String sessionId, String subscriptionId, ConversationFrame frame) {
        send(new Subscription(sessionId, subscriptionId, null), frame.conversationId(), bytes(frame));
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
                log.warn("Conversation {} could not catch up yet: {}", relay.conversationId, notYet.toString());
            }
        }
    }

    private void ended(UUID conversationId, String sessionId, String subscriptionId) {
        Relay relay = relays.get(conversationId);
        if (relay != null && relay.remove(sessionId, subscriptionId)) {
            release(relay);
        }
    }

    /** The conversation's relay, open; its state is read under its own lock, never a node-wide one. */
    private Relay acquire(UUID conversationId) {
        while (true) {
            Relay relay = relays.computeIfAbsent(conversationId, Relay::new);
            synchronized (relay) {
                if (relay.closed) {
                    continue; // released meanwhile: take a new one
                }
                if (!relay.opened) {
                    try {
                        relay.open();
                    } catch (RuntimeException failed) {
                        relay.closed = true;
                        relays.remove(conversationId, relay);
                        throw failed;
                    }
                }
                relay.references++;
                return relay;
            }
        }
    }

    private void release(Relay relay) {
        synchronized (relay) {
            if (--relay.references <= 0 && !relay.closed) {
                relay.closed = true;
                relays.remove(relay.conversationId, relay);
            }
        }
    }

    private void send(Subscription subscription, UUID conversationId, byte[] body) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(subscription.sessionId());
        headers.setSubscriptionId(subscription.subscriptionId());
        headers.setDestination(TOPIC + conversationId);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        Message<byte[]> message = MessageBuilder.createMessage(body, headers.getMessageHeaders());
        sessions.channel(subscription.sessionId()).ifPresent(channel -> channel.send(message));
    }

    private byte[] bytes(ConversationFrame frame) {
        try {
            return json.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write frame " + frame, e);
        }
    }

    /** One conversation's members, position and subscribers; everything under its own lock. */
    private final class Relay {

        private final UUID conversationId;
        private final Set<UUID> members = ConcurrentHashMap.newKeySet();
        private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
        private int references;
        private boolean opened;
        private boolean closed;
        /** The {@code frameSeq} of the last stored frame delivered (or known to be in the snapshot). */
        private long last;

        Relay(UUID conversationId) {
            this.conversationId = conversationId;
        }

        /**
         * Reads the position and the members once the relay is in the map, so no frame falls between: one that the
         * stream brings meanwhile waits for this lock, and one the snapshot already holds is dropped by its frameSeq.
         */
        void open() {
            long position = queries.optional(new FindFramesQuery(conversationId, null, 0, 1), FramePage.class)
                    .map(FramePage::lastFrameSeq)
                    .orElseThrow(() ->
                            Rejection.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + conversationId));
            ConversationDetails details = queries.optional(
                            new FindConversationQuery(conversationId, null), ConversationDetails.class)
                    .orElseThrow(() ->
                            Rejection.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + conversationId));
            details.members().stream().map(MemberView::userId).forEach(members::add);
            last = position;
            opened = true;
        }

        synchronized void add(Subscription subscription, Long since) {
            if (!members.contains(subscription.userId())) {
                throw Rejection.notFound(
                        ErrorCode.NOT_A_MEMBER, "You are not a member of conversation " + conversationId);
            }
            if (since != null) {
                // Whatever the store has beyond this relay's position is delivered to everyone first (its live
                // frames, when they come, are then repeats and dropped), then the stored ones to the newcomer.
                catchUp(Long.MAX_VALUE);
                long from = Math.min(since, last);
                FramePage page = page(from);
                if (page.gone(from)) {
                    throw Rejection.gone(
                            "Frames after " + from + " are no longer kept: re-read the conversation",
                            page.oldestFrameSeq());
                }
                while (from < last) {
                    for (StoredFrame frame : page.frames()) {
                        if (frame.frameSeq() > last) {
                            break;
                        }
                        send(subscription, conversationId, bytes(frame));
                        from = frame.frameSeq();
                    }
                    if (page.frames().isEmpty()) {
                        break;
                    }
                    page = page(from);
                }
            }
            subscribers.add(subscription);
        }

        /** True when the subscription was this relay's. */
        synchronized boolean remove(String sessionId, String subscriptionId) {
            return subscribers.removeIf(
                    s -> s.sessionId().equals(sessionId) && s.subscriptionId().equals(subscriptionId));
        }

        synchronized void catchUpNow() {
            if (opened && !closed) {
                catchUp(Long.MAX_VALUE);
            }
        }

        synchronized void relay(ConversationFrame frame) {
            if (!opened || closed) {
                return; // before open: the position it reads already covers this frame
            }
            if (frame instanceof StoredFrame stored) {
                if (stored.frameSeq() > last + 1) {
                    catchUp(stored.frameSeq() - 1);
                }
                if (stored.frameSeq() == last + 1) {
                    deliver(stored);
                }
            } else {
                byte[] body = bytes(frame);
                subscribers.stream()
                        .filter(s -> members.contains(s.userId()))
                        .forEach(s -> send(s, conversationId, body));
            }
        }

        /** Applies and sends a stored frame that is the next one. */
        private void deliver(StoredFrame frame) {
            last = frame.frameSeq();
            if (frame instanceof MemberAddedFrame added) {
                members.add(added.userId());
            }
            if (frame instanceof MemberRemovedFrame removed) {
                // From the removal on they receive nothing of the conversation (their notification says so).
                members.remove(removed.userId());
            }
            byte[] body = bytes(frame);
            for (Subscription subscriber : subscribers) {
                if (members.contains(subscriber.userId())) {
                    send(subscriber, conversationId, body);
                }
            }
            if (frame instanceof MemberRemovedFrame removed) {
                List<Subscription> ended = subscribers.stream()
                        .filter(s -> s.userId().equals(removed.userId()))
                        .toList();
                subscribers.removeAll(ended);
                for (Subscription subscription : ended) {
                    Map<String, UUID> held = bySession.get(subscription.sessionId());
                    if (held != null && held.remove(subscription.subscriptionId(), conversationId)) {
                        references--;
                    }
                }
                if (references <= 0) {
                    closed = true;
                    relays.remove(conversationId, this);
                }
            }
        }

        /** Delivers the stored frames after {@code last} up to {@code upTo} from the frame log. */
        private void catchUp(long upTo) {
            while (last < upTo) {
                FramePage page = page(last);
                if (page.gone(last)) {
                    log.warn(
                            "Frames {} to {} of conversation {} are past the retention; continuing after them",
                            last + 1,
                            page.oldestFrameSeq() - 1,
                            conversationId);
                    last = page.oldestFrameSeq() - 1;
                }
                List<StoredFrame> frames = page.frames();
                for (StoredFrame frame : frames) {
                    if (frame.frameSeq() > upTo) {
                        return;
                    }
                    if (frame.frameSeq() == last + 1) {
                        deliver(frame);
                    }
                }
                if (frames.isEmpty()) {
                    return;
                }
            }
        }

        private FramePage page(long after) {
            return queries.optional(new FindFramesQuery(conversationId, null, after, PAGE), FramePage.class)
                    .orElseThrow(() ->
                            Rejection.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + conversationId));
        }
    }
}
