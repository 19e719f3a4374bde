package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.frame.StoredFrame;
import dev.curious.messenger.query.conversation.ConversationBatch.Conversation;
import dev.curious.messenger.query.conversation.ConversationBatch.Member;
import dev.curious.messenger.query.conversation.ConversationBatch.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The conversations read model in memory, for the projections' tests: each batch's writer records what it was told
 * ({@link #told}) and, at the batch's commit, applies it, so the next batch reads it as stored.
 */
final class InMemoryConversationStore implements ConversationStore {

    /** A conversation's row and its members' rows as the last committed batch left them. */
    record ConversationRow(
            UUID id,
            UUID ownerId,
            Instant startedAt,
            String title,
            boolean closed,
            long lastSequence,
            long lastFrameSeq,
            Map<UUID, MemberRow> members) {}

    record MemberRow(boolean owner, Instant joinedAt, long seenUpTo) {}

    final Map<UUID, ConversationRow> conversations = new LinkedHashMap<>();
    final Map<UUID, String> nicknames = new HashMap<>();
    final Map<UUID, Message> messages = new LinkedHashMap<>();
    final List<StoredFrame> frames = new ArrayList<>();
    /** What every batch's writer was told, in order, as {@code "call argument"}. */
    final List<String> told = new ArrayList<>();

    int batchesWritten;

    @Override
    public Loaded conversations(Collection<UUID> ids) {
        List<Conversation> loaded = new ArrayList<>();
        Map<UUID, String> memberNicknames = new HashMap<>();
        for (UUID id : ids) {
            ConversationRow row = conversations.get(id);
            if (row == null) {
                continue;
            }
            Conversation conversation = new Conversation(row.id(), row.ownerId(), row.startedAt(), true);
            conversation.title = row.title();
            conversation.closed = row.closed();
            conversation.lastSequence = row.lastSequence();
            conversation.lastFrameSeq = row.lastFrameSeq();
            conversation.lastActivityAt = row.startedAt();
            row.members().forEach((userId, stored) -> {
                Member member = new Member(userId, true);
                member.owner = stored.owner();
                member.joinedAt = stored.joinedAt();
                member.seenUpTo = stored.seenUpTo();
                conversation.members.put(userId, member);
                memberNicknames.put(userId, nicknames.get(userId));
            });
            loaded.add(conversation);
        }
        return new Loaded(loaded, memberNicknames);
    }

    @Override
    public Optional<String> nickname(UUID userId) {
        return Optional.ofNullable(nicknames.get(userId));
    }

    @Override
    public Optional<String> unicode(String emojiKey) {
        return Optional.empty();
    }

    @Override
    public Optional<Message> message(UUID messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    @Override
    public OptionalLong globalIndex(String eventId) {
        return OptionalLong.empty();
    }

    @Override
    public List<UUID> conversationsWrittenIn(UUID senderId, Collection<UUID> except) {
        return messages.values().stream()
                .filter(message -> message.senderId().equals(senderId) && !except.contains(message.conversationId()))
                .map(Message::conversationId)
                .distinct()
                .toList();
    }

    @Override
    public BatchWriter writer() {
        return new Writer();
    }

    @Override
    public void reset() {
        conversations.clear();
        nicknames.clear();
        messages.clear();
    }

    /** Applies what it is told at commit, as the JDBC writer does, and records it meanwhile. */
    private final class Writer implements BatchWriter {

        private final List<Runnable> changes = new ArrayList<>();

        private void told(String what, Runnable change) {
            told.add(what);
            changes.add(change);
        }

        @Override
        public void user(UUID userId, String nickname) {
            told("user " + nickname, () -> nicknames.putIfAbsent(userId, nickname));
        }

        @Override
        public void emojiDefined(String key, String unicode) {
            told("emojiDefined " + key, () -> {});
        }

        @Override
        public void emojiUsed(String key) {
            told("emojiUsed " + key, () -> {});
        }

        @Override
        public void conversation(Conversation c) {
            // The row as the batch leaves it: read at commit, not now.
            told("conversation " + c.id, () -> {
                Map<UUID, MemberRow> members = conversations.containsKey(c.id)
                        ? conversations.get(c.id).members()
                        : new LinkedHashMap<>();
                conversations.put(
                        c.id,
                        new ConversationRow(
                                c.id,
                                c.ownerId,
                                c.startedAt,
                                c.title,
                                c.closed,
                                c.lastSequence,
                                c.lastFrameSeq,
                                members));
            });
        }

        @Override
        public void member(Conversation c, Member m) {
            told("member " + m.userId, () -> {
                Map<UUID, MemberRow> members = conversations.get(c.id).members();
                if (m.present) {
                    members.put(m.userId, new MemberRow(m.owner, m.joinedAt, m.seenUpTo));
                } else {
                    members.remove(m.userId);
                }
            });
        }

        @Override
        public void message(SentMessage sent) {
            told(
                    "message " + sent.id(),
                    () -> messages.putIfAbsent(
                            sent.id(),
                            new Message(
                                    sent.senderId(), sent.conversationId(), sent.content(), false, sent.mentions())));
        }

        @Override
        public void edited(UUID messageId, String content, List<UUID> mentions, Instant at) {
            told(
                    "edited " + messageId,
                    () -> messages.computeIfPresent(
                            messageId,
                            (id, before) -> before.deleted()
                                    ? before
                                    : new Message(
                                            before.senderId(), before.conversationId(), content, false, mentions)));
        }

        @Override
        public void deleted(UUID messageId, Instant at) {
            told(
                    "deleted " + messageId,
                    () -> messages.computeIfPresent(
                            messageId,
                            (id, before) ->
                                    new Message(before.senderId(), before.conversationId(), null, true, List.of())));
        }

        @Override
        public void seen(UUID userId, UUID conversationId, long after, long upTo, Instant at) {
            told("seen " + userId + " " + upTo, () -> {});
        }

        @Override
        public void reacted(UUID userId, UUID messageId, UUID conversationId, String emojiKey) {
            told("reacted " + emojiKey, () -> {});
        }

        @Override
        public void unreacted(UUID userId, UUID messageId, String emojiKey) {
            told("unreacted " + emojiKey, () -> {});
        }

        @Override
        public void frame(StoredFrame frame, Instant at) {
            told("frame " + frame.frameSeq(), () -> frames.add(frame));
        }

        @Override
        public void erased(UUID senderId, long position, Instant erasedAt, List<UUID> heldConversations) {
            told(
                    "erased " + senderId,
                    () -> messages.replaceAll((id, message) ->
                            message.senderId().equals(senderId) && !heldConversations.contains(message.conversationId())
                                    ? message.erased()
                                    : message));
        }

        @Override
        public void expired(UUID conversationId, Instant before) {
            told("expired " + conversationId, () -> {});
        }

        @Override
        public void retention(UUID conversationId, int days) {
            told("retention " + days, () -> {});
        }

        @Override
        public void held(UUID conversationId, String reason, UUID placedBy, Instant placedAt) {
            told("held " + conversationId, () -> {});
        }

        @Override
        public void released(UUID conversationId, List<UUID> erasedUsers) {
            told("released " + conversationId, () -> {});
        }

        @Override
        public void write() {
            changes.forEach(Runnable::run);
            changes.clear();
            batchesWritten++;
        }
    }
}
