package dev.curious.messenger.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageLogTest {

    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    @Test
    void packsIntoJsonAndBackWithEveryFactItJudgesBy() throws Exception {
        MessageLog log = new MessageLog();
        UUID[] ids = new UUID[100];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
            log.append(ids[i], i % 3 == 0 ? BOB : ALICE, i % 10 == 0 ? "client-" + i : null);
        }
        log.markDeleted(7);
        log.addReaction(3, BOB, "heart");
        log.addReaction(3, ALICE, "heart");
        log.removeReaction(3, ALICE, "heart");

        ObjectMapper json = new ObjectMapper();
        MessageLog restored = json.readValue(json.writeValueAsString(log), MessageLog.class);

        assertThat(restored.size()).isEqualTo(100);
        for (int sequence = 1; sequence <= 100; sequence++) {
            assertThat(restored.idAt(sequence)).isEqualTo(ids[sequence - 1]);
            assertThat(restored.sequenceOf(ids[sequence - 1])).isEqualTo(sequence);
            assertThat(restored.senderAt(sequence)).isEqualTo(log.senderAt(sequence));
            assertThat(restored.isDeleted(sequence)).isEqualTo(sequence == 7);
        }
        assertThat(restored.hasReaction(3, BOB, "heart")).isTrue();
        assertThat(restored.hasReaction(3, ALICE, "heart")).isFalse();
        assertThat(restored.sequenceForClientMessageId(BOB, "client-30")).isEqualTo(31);
        assertThat(restored.sequenceForClientMessageId(ALICE, "client-30")).isZero();
        assertThat(restored.othersSentBetween(BOB, 0, 1)).isFalse();
        assertThat(restored.othersSentBetween(BOB, 0, 2)).isTrue();

        restored.append(UUID.randomUUID(), ALICE, null);
        assertThat(restored.size()).as("a restored log keeps growing").isEqualTo(101);
    }

    @Test
    void theSnapshotOfTenThousandMessagesStaysSmall() throws Exception {
        MessageLog log = new MessageLog();
        for (int i = 0; i < 10_000; i++) {
            log.append(UUID.randomUUID(), i % 2 == 0 ? ALICE : BOB, null);
        }
        int bytes = new ObjectMapper().writeValueAsBytes(log).length;
        assertThat(bytes).as("about 22 bytes of Base64 per message").isLessThan(10_000 * 30);
    }
}
