package dev.curious.messenger.gateway.audit;

import dev.curious.messenger.api.audit.AuditMessagePositions;
import dev.curious.messenger.api.audit.AuditMessagePositions.Position;
import dev.curious.messenger.api.audit.AuditMessagePositionsQuery;
import dev.curious.messenger.api.audit.AuditNicknamesQuery;
import dev.curious.messenger.api.conversation.ConversationClosed;
import dev.curious.messenger.api.conversation.ConversationRenamed;
import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.conversation.MemberAdded;
import dev.curious.messenger.api.conversation.MemberRemoved;
import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.api.message.MessageDeleted;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.MessagesSeen;
import dev.curious.messenger.api.message.ReactionAdded;
import dev.curious.messenger.api.message.ReactionRemoved;
import dev.curious.messenger.api.user.UserList;
import dev.curious.messenger.api.user.UserSummary;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A conversation as it stood at an instant, messages included, from its events. Two reads, neither from the stream's
 * start on every call:
 *
 * <ul>
 *   <li>The header (title, owner, members, closed) is folded from the few events that change it. They are kept per
 *       conversation ({@link HeaderLog}): the first read of a conversation reads its whole stream but deserializes
 *       only those events (the others are skipped by their payload type, their content never decrypted); later reads
 *       read only the events appended since.
 *   <li>The page of messages: the read model says where the page's messages are in the stream (the sequence of each
 *       one's {@code MessageSent}); the events are read from the oldest of them to the instant asked, and give the
 *       content, edits, deletions, reactions and seen marks as they were then.
 * </ul>
 *
 * Content whose key was destroyed reads as null ({@code erased}), as for every reader of the events.
 */
@Component
class ConversationsAsOf {

    /** At most so many conversations' header changes are kept (the least recently read go first). */
    static final int KEPT_CONVERSATIONS = 1_000;

    private static final Set<Class<?>> HEADER_EVENTS = Set.of(
            ConversationStarted.class,
            ConversationRenamed.class,
            MemberAdded.class,
            MemberRemoved.class,
            ConversationClosed.class);

    /** The conversation at {@code asOf}; {@code nextBefore} is the cursor of the older page, null when none. */
    record AsOf(
            UUID conversationId,
            Instant asOf,
            String title,
            UUID ownerId,
            List<Member> members,
            boolean closed,
            long messageCount,
            Instant firstEventAt,
            Instant lastEventAt,
            List<MessageAsOf> messages,
            Long nextBefore,
            Map<UUID, String> nicknames) {}

    /** A member at that instant. */
    record Member(UUID userId, String nickname) {}

    /**
     * A message as it stood at the instant: {@code content} null when it was deleted by then or its content is
     * erased ({@code erased}).
     */
    record MessageAsOf(
            UUID messageId,
            long sequence,
            UUID senderId,
            String content,
            Instant sentAt,
            boolean edited,
            Instant editedAt,
            boolean deleted,
            Instant deletedAt,
            UUID deletedBy,
            boolean erased,
            List<Reaction> reactions,
            List<Seen> seenBy) {}

    /** Who had reacted with an emoji by then. */
    record Reaction(String emojiKey, List<UUID> userIds) {}

    /** Who had seen the message by then, and when first. */
    record Seen(UUID userId, Instant seenAt) {}

    private final EventStore eventStore;
    private final Queries queries;
    private final Map<UUID, HeaderLog> headers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, HeaderLog> eldest) {
            return size() > KEPT_CONVERSATIONS;
        }
    };

    ConversationsAsOf(EventStore eventStore, Queries queries) {
        this.eventStore = eventStore;
        this.queries = queries;
    }

    AsOf asOf(UUID conversationId, Instant asOf, Long before, int limit) {
        HeaderLog log;
        synchronized (headers) {
            log = headers.computeIfAbsent(conversationId, id -> new HeaderLog());
        }
        Header header = log.asOf(eventStore, conversationId, asOf);
        if (header.title == null) {
            throw Rejection.notFound(
                    ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + conversationId + " existed at " + asOf);
        }
        AuditMessagePositions page = queries.one(
                new AuditMessagePositionsQuery(conversationId, asOf, before, limit + 1), AuditMessagePositions.class);
        List<Position> positions = page.messages();
        Long nextBefore = null;
        if (positions.size() > limit) {
            positions = positions.subList(0, limit);
            nextBefore = positions.get(limit - 1).sequence();
        }
        List<MessageAsOf> messages = messages(conversationId, asOf, positions);
        Set<UUID> people = new LinkedHashSet<>(header.members);
        people.add(header.owner);
        for (MessageAsOf message : messages) {
            people.add(message.senderId());
            if (message.deletedBy() != null) {
                people.add(message.deletedBy());
            }
            message.reactions().forEach(r -> people.addAll(r.userIds()));
            message.seenBy().forEach(s -> people.add(s.userId()));
        }
        Map<UUID, String> nicknames = new HashMap<>();
        for (UserSummary user : queries.one(new AuditNicknamesQuery(new ArrayList<>(people)), UserList.class)
                .users()) {
            nicknames.put(user.id(), user.nickname());
        }
        List<Member> members = header.members.stream()
                .map(id -> new Member(id, nicknames.get(id)))
                .toList();
        return new AsOf(
                conversationId,
                asOf,
                header.title,
                header.owner,
                members,
                header.closed,
                page.sentCount(),
                header.firstEventAt,
                header.lastEventAt,
                messages,
                nextBefore,
                nicknames);
    }

    /** The page's messages as of the instant, newest first, from the events between the oldest of them and it. */
    private List<MessageAsOf> messages(UUID conversationId, Instant asOf, List<Position> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        Map<UUID, Draft> drafts = new LinkedHashMap<>();
        TreeMap<Long, Draft> bySequence = new TreeMap<>();
        long from = Long.MAX_VALUE;
        for (Position position : positions) {
            Draft draft = new Draft(position);
            drafts.put(position.messageId(), draft);
            bySequence.put(position.sequence(), draft);
            from = Math.min(from, position.sentEventSequence());
        }
        DomainEventStream stream = eventStore.readEvents(conversationId.toString(), from);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(asOf)) {
                break;
            }
            Class<?> type = event.getPayloadType();
            if (type == MessageSent.class) {
                MessageSent sent = (MessageSent) event.getPayload();
                Draft draft = drafts.get(sent.messageId());
                if (draft != null) {
                    draft.sent = true;
                    draft.content = sent.content();
                }
            } else if (type == MessageEdited.class) {
                MessageEdited edited = (MessageEdited) event.getPayload();
                Draft draft = drafts.get(edited.messageId());
                if (draft != null && draft.sent) {
                    draft.content = edited.content();
                    draft.editedAt = edited.editedAt();
                }
            } else if (type == MessageDeleted.class) {
                MessageDeleted deleted = (MessageDeleted) event.getPayload();
                Draft draft = drafts.get(deleted.messageId());
                if (draft != null) {
                    draft.deletedAt = deleted.deletedAt();
                    draft.deletedBy = deleted.deletedBy();
                }
            } else if (type == ReactionAdded.class) {
                ReactionAdded added = (ReactionAdded) event.getPayload();
                Draft draft = drafts.get(added.messageId());
                if (draft != null) {
                    draft.reactions
                            .computeIfAbsent(added.emojiKey(), k -> new LinkedHashSet<>())
                            .add(added.userId());
                }
            } else if (type == ReactionRemoved.class) {
                ReactionRemoved removed = (ReactionRemoved) event.getPayload();
                Draft draft = drafts.get(removed.messageId());
                if (draft != null && draft.reactions.containsKey(removed.emojiKey())) {
                    Set<UUID> users = draft.reactions.get(removed.emojiKey());
                    users.remove(removed.userId());
                    if (users.isEmpty()) {
                        draft.reactions.remove(removed.emojiKey());
                    }
                }
            } else if (type == MessagesSeen.class) {
                MessagesSeen seen = (MessagesSeen) event.getPayload();
                for (Draft draft : bySequence
                        .subMap(seen.afterSequence(), false, seen.upToSequence(), true)
                        .values()) {
                    if (draft.sent && !draft.senderId.equals(seen.userId())) {
                        draft.seen.putIfAbsent(seen.userId(), seen.seenAt());
                    }
                }
            }
        }
        return drafts.values().stream().map(Draft::view).toList();
    }

    /** A message being folded. */
    private static final class Draft {
        final UUID messageId;
        final long sequence;
        final UUID senderId;
        final Instant sentAt;
        boolean sent;
        String content;
        Instant editedAt;
        Instant deletedAt;
        UUID deletedBy;
        final Map<String, Set<UUID>> reactions = new TreeMap<>();
        final Map<UUID, Instant> seen = new LinkedHashMap<>();

        Draft(Position position) {
            messageId = position.messageId();
            sequence = position.sequence();
            senderId = position.senderId();
            sentAt = position.sentAt();
        }

        MessageAsOf view() {
            boolean deleted = deletedAt != null;
            // Never shown once deleted; null otherwise only when its key is gone (or its event was not found).
            boolean erased = !deleted && content == null;
            return new MessageAsOf(
                    messageId,
                    sequence,
                    senderId,
                    deleted ? null : content,
                    sentAt,
                    editedAt != null,
                    editedAt,
                    deleted,
                    deletedAt,
                    deletedBy,
                    erased,
                    reactions.entrySet().stream()
                            .map(e -> new Reaction(e.getKey(), List.copyOf(e.getValue())))
                            .toList(),
                    seen.entrySet().stream()
                            .map(e -> new Seen(e.getKey(), e.getValue()))
                            .toList());
        }
    }

    /** The header as folded up to an instant. */
    private static final class Header {
        String title;
        UUID owner;
        final Set<UUID> members = new LinkedHashSet<>();
        boolean closed;
        Instant firstEventAt;
        Instant lastEventAt;
    }

    /**
     * One conversation's events that change its header, read once: each read first reads the events appended since
     * the last one.
     */
    private static final class HeaderLog {
        private long nextSequence;
        private final List<DomainEventMessage<?>> changes = new ArrayList<>();
        private Instant firstEventAt;
        private Instant lastEventAt;

        synchronized Header asOf(EventStore eventStore, UUID conversationId, Instant asOf) {
            DomainEventStream stream = eventStore.readEvents(conversationId.toString(), nextSequence);
            while (stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                nextSequence = event.getSequenceNumber() + 1;
                if (firstEventAt == null) {
                    firstEventAt = event.getTimestamp();
                }
                lastEventAt = event.getTimestamp();
                Class<?> type = event.getPayloadType();
                if (HEADER_EVENTS.contains(type)) {
                    event.getPayload();
                    changes.add(event);
                }
            }
            Header header = new Header();
            header.firstEventAt = firstEventAt;
            header.lastEventAt = lastEventAt;
            for (DomainEventMessage<?> event : changes) {
                if (event.getTimestamp().isAfter(asOf)) {
                    break;
                }
                Object payload = event.getPayload();
                if (payload instanceof ConversationStarted started) {
                    header.title = started.title();
                    header.owner = started.ownerId();
                    header.members.addAll(started.memberIds());
                } else if (payload instanceof ConversationRenamed renamed) {
                    header.title = renamed.title();
                } else if (payload instanceof MemberAdded added) {
                    header.members.add(added.userId());
                } else if (payload instanceof MemberRemoved removed) {
                    header.members.remove(removed.userId());
                } else if (payload instanceof ConversationClosed) {
                    header.closed = true;
                }
            }
            return header;
        }
    }
}
