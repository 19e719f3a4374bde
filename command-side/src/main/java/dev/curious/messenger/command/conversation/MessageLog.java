package dev.curious.messenger.command.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a conversation must remember of each of its messages to judge later commands (id, sender, deleted,
 * reactions, the sender's client message id), in arrays indexed by sequence rather than an object per message.
 * It packs into a few compact strings, so that the snapshot of a conversation of 10,000 messages deserializes in
 * about the time of one of ten. Mutated only by the conversation's event sourcing handlers.
 */
final class MessageLog {

    private final List<UUID> people = new ArrayList<>();
    private final Map<UUID, Integer> personIndex = new HashMap<>();
    /** Message n's id in {@code ids[2n-2]} and {@code ids[2n-1]}. */
    private long[] ids = new long[32];
    /** Message n's sender, as an index into {@code people}, in {@code senders[n-1]}. */
    private int[] senders = new int[16];

    private int size;
    private final BitSet deleted = new BitSet();
    private final Map<UUID, Integer> sequenceById = new HashMap<>();
    /** Per sequence, the reactions as {@code "<person index> <emoji key>"}; only messages with reactions. */
    private final Map<Integer, Set<String>> reactions = new HashMap<>();
    /** {@code "<person index> <client message id>"} to the sequence of the message it first sent. */
    private final Map<String, Integer> sequenceByClientMessageId = new HashMap<>();

    /** The number of messages, which is also the last sequence. */
    int size() {
        return size;
    }

    /** The sequence of the message, or 0 when the conversation has no such message. */
    int sequenceOf(UUID messageId) {
        return messageId == null ? 0 : sequenceById.getOrDefault(messageId, 0);
    }

    UUID idAt(int sequence) {
        return new UUID(ids[2 * sequence - 2], ids[2 * sequence - 1]);
    }

    UUID senderAt(int sequence) {
        return people.get(senders[sequence - 1]);
    }

    boolean isDeleted(int sequence) {
        return deleted.get(sequence);
    }

    /** The sequence first accepted for this sender's client message id, or 0. */
    int sequenceForClientMessageId(UUID senderId, String clientMessageId) {
        Integer person = personIndex.get(senderId);
        return person == null ? 0 : sequenceByClientMessageId.getOrDefault(person + " " + clientMessageId, 0);
    }

    boolean othersSentBetween(UUID userId, int afterSequence, int upToSequence) {
        Integer person = personIndex.get(userId);
        for (int sequence = afterSequence + 1; sequence <= upToSequence; sequence++) {
            if (person == null || senders[sequence - 1] != person) {
                return true;
            }
        }
        return false;
    }

    boolean hasReaction(int sequence, UUID userId, String emojiKey) {
        Integer person = personIndex.get(userId);
        return person != null && reactions.getOrDefault(sequence, Set.of()).contains(person + " " + emojiKey);
    }

    void append(UUID messageId, UUID senderId, String clientMessageId) {
        int person = person(senderId);
        if (2 * size + 2 > ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
            senders = Arrays.copyOf(senders, senders.length * 2);
        }
        ids[2 * size] = messageId.getMostSignificantBits();
        ids[2 * size + 1] = messageId.getLeastSignificantBits();
        senders[size] = person;
        size++;
        sequenceById.put(messageId, size);
        if (clientMessageId != null) {
            sequenceByClientMessageId.putIfAbsent(person + " " + clientMessageId, size);
        }
    }

    void markDeleted(int sequence) {
        deleted.set(sequence);
    }

    void addReaction(int sequence, UUID userId, String emojiKey) {
        reactions.computeIfAbsent(sequence, s -> new HashSet<>()).add(person(userId) + " " + emojiKey);
    }

    void removeReaction(int sequence, UUID userId, String emojiKey) {
        Set<String> onMessage = reactions.get(sequence);
        if (onMessage != null) {
            onMessage.remove(person(userId) + " " + emojiKey);
            if (onMessage.isEmpty()) {
                reactions.remove(sequence);
            }
        }
    }

    private int person(UUID userId) {
        return personIndex.computeIfAbsent(userId, id -> {
            people.add(id);
            return people.size() - 1;
        });
    }

    /** The snapshot form: ids and senders as Base64 of big-endian numbers, the sparse parts as they are. */
    record Packed(
            List<UUID> people,
            String ids,
            String senders,
            String deleted,
            Map<Integer, List<String>> reactions,
            List<String> clientMessageIds,
            String clientMessageIdSequences) {}

    @JsonValue
    Packed pack() {
        ByteBuffer idBytes = ByteBuffer.allocate(16 * size);
        ByteBuffer senderBytes = ByteBuffer.allocate(4 * size);
        for (int i = 0; i < size; i++) {
            idBytes.putLong(ids[2 * i]).putLong(ids[2 * i + 1]);
            senderBytes.putInt(senders[i]);
        }
        Map<Integer, List<String>> packedReactions = new TreeMap<>();
        reactions.forEach((sequence, set) ->
                packedReactions.put(sequence, set.stream().sorted().toList()));
        List<String> clientIds = new ArrayList<>(sequenceByClientMessageId.keySet());
        ByteBuffer clientSequences = ByteBuffer.allocate(4 * clientIds.size());
        clientIds.forEach(key -> clientSequences.putInt(sequenceByClientMessageId.get(key)));
        Base64.Encoder base64 = Base64.getEncoder();
        return new Packed(
                List.copyOf(people),
                base64.encodeToString(idBytes.array()),
                base64.encodeToString(senderBytes.array()),
                base64.encodeToString(deleted.toByteArray()),
                packedReactions,
                clientIds,
                base64.encodeToString(clientSequences.array()));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MessageLog unpack(Packed packed) {
        Base64.Decoder base64 = Base64.getDecoder();
        MessageLog log = new MessageLog();
        packed.people().forEach(log::person);
        ByteBuffer idBytes = ByteBuffer.wrap(base64.decode(packed.ids()));
        ByteBuffer senderBytes = ByteBuffer.wrap(base64.decode(packed.senders()));
        int count = idBytes.remaining() / 16;
        log.ids = new long[Math.max(32, 2 * count)];
        log.senders = new int[log.ids.length / 2];
        for (int i = 0; i < count; i++) {
            long most = idBytes.getLong();
            long least = idBytes.getLong();
            log.ids[2 * i] = most;
            log.ids[2 * i + 1] = least;
            log.senders[i] = senderBytes.getInt();
            log.sequenceById.put(new UUID(most, least), i + 1);
        }
        log.size = count;
        log.deleted.or(BitSet.valueOf(base64.decode(packed.deleted())));
        packed.reactions().forEach((sequence, list) -> log.reactions.put(sequence, new HashSet<>(list)));
        ByteBuffer clientSequences = ByteBuffer.wrap(base64.decode(packed.clientMessageIdSequences()));
        packed.clientMessageIds().forEach(key -> log.sequenceByClientMessageId.put(key, clientSequences.getInt()));
        return log;
    }
}
