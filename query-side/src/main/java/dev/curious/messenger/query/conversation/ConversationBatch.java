package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.frame.StoredFrame;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What one processor batch of the {@code conversations} group knows and changes. What it reads (the batch's
 * conversations with their members in one read, when the first is needed) comes from the {@link ConversationStore};
 * each change is made here in memory, for the batch's later events, and told to the batch's {@link BatchWriter}, which
 * writes them all when the batch commits.
 */
final class ConversationBatch {

    /** A row of {@code chat_conversations}; changed only through the batch, which tells the writer. */
    static final class Conversation {
        final UUID id;
        final UUID ownerId;
        final Instant startedAt;
        final boolean stored;
        final Map<UUID, Member> members = new LinkedHashMap<>();
        String title;
        boolean closed;
        Instant closedAt;
        long lastSequence;
        UUID lastMessageId;
        Instant lastActivityAt;
        long lastFrameSeq;

        Conversation(UUID id, UUID ownerId, Instant startedAt, boolean stored) {
            this.id = id;
            this.ownerId = ownerId;
            this.startedAt = startedAt;
            this.stored = stored;
        }

        Optional<Member> member(UUID userId) {
            Member member = members.get(userId);
            return member == null || !member.present ? Optional.empty() : Optional.of(member);
        }
    }

    /** A row of {@code chat_conversation_members}; a removed member stays, not present. */
    static final class Member {
        final UUID userId;
        final boolean stored;
        boolean present = true;
        boolean owner;
        Instant joinedAt;
        long seenUpTo;

        Member(UUID userId, boolean stored) {
            this.userId = userId;
            this.stored = stored;
        }
    }

    /** A message as later events of the batch need it: the original of a reply, the mentions before an edit. */
    record Message(UUID senderId, UUID conversationId, String content, boolean deleted, List<UUID> mentions) {

        Message erased() {
            return new Message(senderId, conversationId, null, deleted, List.of());
        }
    }

    private final ConversationStore store;
    private final BatchWriter writer;
    private final Map<UUID, Conversation> conversations = new HashMap<>();
    private final Map<UUID, Optional<String>> nicknames = new HashMap<>();
    private final Map<String, Optional<String>> emojis = new HashMap<>();
    private final Map<UUID, Optional<Message>> messages = new HashMap<>();

    ConversationBatch(ConversationStore store) {
        this.store = store;
        this.writer = store.writer();
    }

    /**
     * The conversation, read with the others of {@code ofBatch} (the ids the batch has events of) the first time one
     * is asked for; empty when it was never started.
     */
    Optional<Conversation> conversation(UUID id, Supplier<Collection<UUID>> ofBatch) {
        if (!conversations.containsKey(id)) {
            Set<UUID> ids = new HashSet<>(ofBatch.get());
            ids.add(id);
            ids.removeAll(conversations.keySet());
            ids.forEach(unknown -> conversations.put(unknown, null));
            ConversationStore.Loaded loaded = store.conversations(ids);
            loaded.conversations().forEach(stored -> conversations.put(stored.id, stored));
            loaded.nicknames()
                    .forEach((userId, nickname) -> nicknames.putIfAbsent(userId, Optional.ofNullable(nickname)));
        }
        return Optional.ofNullable(conversations.get(id));
    }

    /** A conversation started in this batch. */
    Conversation start(UUID id, String title, UUID ownerId, Instant startedAt) {
        Conversation conversation = new Conversation(id, ownerId, startedAt, false);
        conversation.title = title;
        conversation.lastActivityAt = startedAt;
        conversations.put(id, conversation);
        writer.conversation(conversation);
        return conversation;
    }

    void rename(Conversation conversation, String title) {
        conversation.title = title;
        writer.conversation(conversation);
    }

    void close(Conversation conversation, Instant at) {
        conversation.closed = true;
        conversation.closedAt = at;
        writer.conversation(conversation);
    }

    /** Numbers the conversation's next stored frame. */
    long nextFrameSeq(Conversation conversation) {
        conversation.lastFrameSeq++;
        writer.conversation(conversation);
        return conversation.lastFrameSeq;
    }

    /** Adds (or adds again) a member. */
    void join(Conversation conversation, UUID userId, boolean owner, Instant joinedAt) {
        Member before = conversation.members.get(userId);
        Member member = new Member(userId, before != null && before.stored);
        member.owner = owner;
        member.joinedAt = joinedAt;
        conversation.members.put(userId, member);
        writer.member(conversation, member);
    }

    void leave(Conversation conversation, Member member) {
        member.present = false;
        writer.member(conversation, member);
    }

    void user(UUID userId, String nickname) {
        nicknames.put(userId, Optional.of(nickname));
        writer.user(userId, nickname);
    }

    /** The user's nickname as this group has it (registered in this batch or before); null if never registered. */
    String nickname(UUID userId) {
        return nicknames.computeIfAbsent(userId, store::nickname).orElse(null);
    }

    void defineEmoji(String key, String unicode) {
        emojis.put(key, Optional.of(unicode));
        writer.emojiDefined(key, unicode);
    }

    /** A reaction's emoji: defined later by another segment, the key stands in for its unicode until then. */
    void emojiUsed(String key) {
        emojis.computeIfAbsent(key, store::unicode);
        writer.emojiUsed(key);
    }

    String unicode(String key) {
        return emojis.computeIfAbsent(key, store::unicode).orElse(key);
    }

    void send(Conversation conversation, BatchWriter.SentMessage sent) {
        messages.put(
                sent.id(),
                Optional.of(new Message(sent.senderId(), conversation.id, sent.content(), false, sent.mentions())));
        conversation.lastSequence = sent.sequence();
        conversation.lastMessageId = sent.id();
        conversation.lastActivityAt = sent.sentAt();
        writer.conversation(conversation);
        writer.message(sent);
    }

    /** The message as the batch leaves it so far (sent in it or before); empty when unknown. */
    Optional<Message> message(UUID id) {
        return messages.computeIfAbsent(id, store::message);
    }

    void edit(UUID messageId, String content, List<UUID> mentions, Instant at) {
        message(messageId)
                .filter(before -> !before.deleted())
                .ifPresent(before -> messages.put(
                        messageId,
                        Optional.of(
                                new Message(before.senderId(), before.conversationId(), content, false, mentions))));
        writer.edited(messageId, content, mentions, at);
    }

    void delete(UUID messageId, Instant at) {
        message(messageId)
                .ifPresent(before -> messages.put(
                        messageId,
                        Optional.of(new Message(before.senderId(), before.conversationId(), null, true, List.of()))));
        writer.deleted(messageId, at);
    }

    void seen(Conversation conversation, UUID userId, long after, long upTo, Instant at) {
        writer.seen(userId, conversation.id, after, upTo, at);
        conversation.member(userId).ifPresent(member -> {
            member.seenUpTo = upTo;
            writer.member(conversation, member);
        });
    }

    void react(UUID userId, UUID messageId, UUID conversationId, String emojiKey) {
        writer.reacted(userId, messageId, conversationId, emojiKey);
    }

    void unreact(UUID userId, UUID messageId, String emojiKey) {
        writer.unreacted(userId, messageId, emojiKey);
    }

    void frame(StoredFrame frame, Instant at) {
        writer.frame(frame, at);
    }

    /** The user's content erased but in the held conversations: the batch's later events see it gone. */
    void erase(UUID senderId, long position, Instant erasedAt, List<UUID> heldConversations) {
        messages.replaceAll((id, message) -> message.filter(
                        m -> m.senderId().equals(senderId) && !heldConversations.contains(m.conversationId()))
                .map(m -> Optional.of(m.erased()))
                .orElse(message));
        writer.erased(senderId, position, erasedAt, heldConversations);
    }

    /**
     * The conversations the user wrote in, but {@code except}: those stored and those of this batch's messages, which
     * are written only when it commits.
     */
    Set<UUID> conversationsWrittenIn(UUID senderId, List<UUID> except) {
        Set<UUID> ids = new HashSet<>(store.conversationsWrittenIn(senderId, except));
        messages.values()
                .forEach(message -> message.filter(m -> m.senderId().equals(senderId))
                        .map(Message::conversationId)
                        .filter(id -> !except.contains(id))
                        .ifPresent(ids::add));
        return ids;
    }

    void expire(UUID conversationId, Instant before) {
        writer.expired(conversationId, before);
    }

    void retention(UUID conversationId, int days) {
        writer.retention(conversationId, days);
    }

    void hold(UUID conversationId, String reason, UUID placedBy, Instant placedAt) {
        writer.held(conversationId, reason, placedBy, placedAt);
    }

    void releaseHold(UUID conversationId, List<UUID> erasedUsers) {
        writer.released(conversationId, erasedUsers);
    }

    /** The event's place in the store's global order, as {@link ConversationStore#globalIndex} has it. */
    OptionalLong globalIndex(String eventId) {
        return store.globalIndex(eventId);
    }

    void write() {
        writer.write();
    }
}
