package dev.curious.messenger.gateway.live;

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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation's frames to its subscribers on this gateway, under its own lock: stored frames exactly once and
 * in {@code frameSeq} order (a repeat is dropped, a gap is filled from the frame log first), a resuming subscriber's
 * stored frames before its live ones, and the members as the read model keeps them (a snapshot, then
 * MemberAdded/MemberRemoved in order), so that only members receive and a removed member's subscriptions end at the
 * frame that removes them. Open while it has subscribers ({@link ConversationRelays} counts them).
 */
final class Relay {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);
    private static final int PAGE = 200;

    /** One client subscription to the conversation's topic. */
    record Subscriber(LiveSession session, String subscriptionId, UUID userId) {}

    private final UUID conversationId;
    private final Queries queries;
    private final FrameWire wire;
    /** Told of each subscription that ended because its member was removed. */
    private final BiConsumer<Relay, Subscriber> removed;

    private final Set<UUID> members = ConcurrentHashMap.newKeySet();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private int references;
    private boolean opened;
    private boolean closed;
    /** The {@code frameSeq} of the last stored frame delivered (or known to be in the snapshot). */
    private long last;

    Relay(UUID conversationId, Queries queries, FrameWire wire, BiConsumer<Relay, Subscriber> removed) {
        this.conversationId = conversationId;
        this.queries = queries;
        this.wire = wire;
        this.removed = removed;
    }

    UUID conversationId() {
        return conversationId;
    }

    boolean isMember(UUID userId) {
        return members.contains(userId);
    }

    Set<UUID> members() {
        return Set.copyOf(members);
    }

    /**
     * Takes a reference, opening the relay first; false once it is closed. Opens once the relay is in the registry,
     * so no frame falls between: one that the stream brings meanwhile waits for this lock, and one the snapshot
     * already holds is dropped by its frameSeq.
     */
    synchronized boolean retain() {
        if (closed) {
            return false;
        }
        if (!opened) {
            try {
                open();
            } catch (RuntimeException failed) {
                closed = true;
                throw failed;
            }
        }
        references++;
        return true;
    }

    /** Gives a reference back; true when it was the last and the relay is now closed. */
    synchronized boolean release() {
        if (--references <= 0 && !closed) {
            closed = true;
            return true;
        }
        return false;
    }

    /**
     * Adds a member's subscription, first sending it the stored frames after {@code since} when given; a
     * {@link Rejection} for anyone else, or (410) when frames after {@code since} are past the retention.
     */
    synchronized void add(Subscriber subscriber, Long since) {
        if (!members.contains(subscriber.userId())) {
            throw Rejection.notFound(ErrorCode.NOT_A_MEMBER, "You are not a member of conversation " + conversationId);
        }
        if (since != null) {
            // Whatever the store has beyond this relay's position is delivered to everyone first (its live frames,
            // when they come, are then repeats and dropped), then the stored ones to the newcomer.
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
                    send(subscriber, wire.bytes(frame));
                    from = frame.frameSeq();
                }
                if (page.frames().isEmpty()) {
                    break;
                }
                page = page(from);
            }
        }
        subscribers.add(subscriber);
    }

    /** True when the subscription was this relay's. */
    synchronized boolean remove(LiveSession session, String subscriptionId) {
        return subscribers.removeIf(
                s -> s.session() == session && s.subscriptionId().equals(subscriptionId));
    }

    /** After the stream was away: reads what it missed from the frame log. */
    synchronized void catchUpNow() {
        if (opened && !closed) {
            catchUp(Long.MAX_VALUE);
        }
    }

    /** A frame of this conversation from the node's stream. */
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
            byte[] body = wire.bytes(frame);
            subscribers.stream().filter(s -> members.contains(s.userId())).forEach(s -> send(s, body));
        }
    }

    /** Sends one frame to one subscription of the conversation, in order with what else its session receives. */
    void send(Subscriber subscriber, byte[] body) {
        wire.send(subscriber.session(), subscriber.subscriptionId(), conversationId, body);
    }

    private void open() {
        long position = queries.optional(new FindFramesQuery(conversationId, null, 0, 1), FramePage.class)
                .map(FramePage::lastFrameSeq)
                .orElseThrow(this::notFound);
        ConversationDetails details = queries.optional(
                        new FindConversationQuery(conversationId, null), ConversationDetails.class)
                .orElseThrow(this::notFound);
        details.members().stream().map(MemberView::userId).forEach(members::add);
        last = position;
        opened = true;
    }

    /** Applies and sends a stored frame that is the next one. */
    private void deliver(StoredFrame frame) {
        last = frame.frameSeq();
        if (frame instanceof MemberAddedFrame added) {
            members.add(added.userId());
        }
        if (frame instanceof MemberRemovedFrame removal) {
            // From the removal on they receive nothing of the conversation (their notification says so).
            members.remove(removal.userId());
        }
        byte[] body = wire.bytes(frame);
        for (Subscriber subscriber : subscribers) {
            if (members.contains(subscriber.userId())) {
                send(subscriber, body);
            }
        }
        if (frame instanceof MemberRemovedFrame removal) {
            List<Subscriber> ended = subscribers.stream()
                    .filter(s -> s.userId().equals(removal.userId()))
                    .toList();
            subscribers.removeAll(ended);
            ended.forEach(subscriber -> removed.accept(this, subscriber));
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
                .orElseThrow(this::notFound);
    }

    private Rejection notFound() {
        return Rejection.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + conversationId);
    }
}
