package dev.curious.messenger.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.compliance.PlaceLegalHold;
import dev.curious.messenger.api.compliance.ReleaseLegalHold;
import dev.curious.messenger.api.compliance.SetRetention;
import dev.curious.messenger.api.conversation.AddMember;
import dev.curious.messenger.api.conversation.CloseConversation;
import dev.curious.messenger.api.conversation.RemoveMember;
import dev.curious.messenger.api.conversation.RenameConversation;
import dev.curious.messenger.api.message.DeleteMessage;
import dev.curious.messenger.api.message.EditMessage;
import dev.curious.messenger.api.message.MarkSeen;
import dev.curious.messenger.api.message.React;
import dev.curious.messenger.api.message.RemoveReaction;
import dev.curious.messenger.api.user.EraseUserContent;
import dev.curious.messenger.api.user.GrantRole;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import dev.curious.messenger.query.ProcessingGroups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rebuilding every read model from the history gives back exactly the rows that live projection wrote. */
@SpringBootTest(classes = CommandAndQuerySides.class)
class ReplayTest {

    private static final List<String> READ_MODEL_TABLES = List.of(
            "auth_users",
            "chat_emojis",
            "chat_users",
            "chat_conversations",
            "chat_conversation_members",
            "chat_messages",
            "chat_seen_messages",
            "chat_message_reactions",
            // Kept as they were: a replay numbers the frames again and writes none.
            "chat_frames",
            "audit_log");
    private static final List<String> EMOJIS = List.of("thumbs_up", "heart", "joy", "tada", "eyes", "fire");

    @Autowired
    Chat chat;

    @Autowired
    Replays replays;

    @Autowired
    JdbcClient jdbc;

    @Test
    void replayingEveryGroupRebuildsIdenticalReadModels() {
        produceVariedHistory(new Random(42));
        chat.awaitProjected();
        Map<String, List<String>> before = dump();
        assertThat(before.get("chat_messages")).hasSizeGreaterThan(1_500);
        assertThat(before.get("chat_seen_messages")).isNotEmpty();
        assertThat(before.get("chat_message_reactions")).isNotEmpty();
        assertThat(before.get("chat_messages")).anyMatch(row -> row.contains("\"reply_to\":\""));
        assertThat(before.get("chat_messages")).anyMatch(row -> row.matches(".*\"mentions\":\\[\"[0-9a-f-]{36}.*"));
        assertThat(before.get("chat_messages")).anyMatch(row -> row.contains("\"deleted\":true"));
        assertThat(before.get("chat_messages")).anyMatch(row -> row.contains("\"erased\":true"));
        assertThat(before.get("chat_conversations")).anyMatch(row -> row.contains("\"retention_days\":3650"));

        ProcessingGroups.ALL.forEach(replays::start);
        chat.awaitProjected();

        Map<String, List<String>> after = dump();
        for (String table : READ_MODEL_TABLES) {
            assertThat(after.get(table)).as(table).containsExactlyElementsOf(before.get(table));
        }
    }

    /** Some 3,000 events: conversations that grow, rename, lose and gain members, close; edits, deletes, reactions. */
    private void produceVariedHistory(Random random) {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            users.add(chat.register("replay"));
        }
        chat.command(new GrantRole(users.get(0), Role.AUDITOR, null));
        UUID admin = users.get(1);
        chat.command(new GrantRole(admin, Role.ADMIN, null));
        UUID heldConversation = null;
        for (int c = 0; c < 15; c++) {
            UUID owner = users.get(c % users.size());
            UUID other = users.get((c + 1) % users.size());
            UUID third = users.get((c + 2) % users.size());
            UUID conversation = chat.start(owner, "Topic " + c, other, third);
            List<UUID> members = new ArrayList<>(List.of(owner, other, third));
            List<UUID> messages = new ArrayList<>();
            Map<UUID, UUID> senderOf = new HashMap<>();
            for (int step = 0; step < 150; step++) {
                UUID actor = members.get(random.nextInt(members.size()));
                int dice = random.nextInt(100);
                if (dice < 12 && !messages.isEmpty()) {
                    // A reply naming another member: quotes and mentions are replayed too.
                    UUID named = members.get(random.nextInt(members.size()));
                    UUID sent = chat.reply(
                            conversation,
                            actor,
                            "@" + nickname(named) + " about that, " + step,
                            messages.get(random.nextInt(messages.size())));
                    messages.add(sent);
                    senderOf.put(sent, actor);
                } else if (dice < 70 || messages.isEmpty()) {
                    UUID sent = chat.send(conversation, actor, "message " + step + " in " + c);
                    messages.add(sent);
                    senderOf.put(sent, actor);
                } else if (dice < 80) {
                    UUID message = messages.get(random.nextInt(messages.size()));
                    chat.command(new React(conversation, message, EMOJIS.get(random.nextInt(EMOJIS.size())), actor));
                } else if (dice < 84) {
                    UUID message = messages.get(random.nextInt(messages.size()));
                    chat.command(new RemoveReaction(conversation, message, EMOJIS.get(random.nextInt(3)), actor));
                } else if (dice < 92) {
                    chat.command(new MarkSeen(conversation, messages.get(random.nextInt(messages.size())), actor));
                } else if (dice < 95) {
                    chat.command(new RenameConversation(conversation, "Topic " + c + "." + step, owner));
                } else if (dice < 97) {
                    UUID newcomer = users.get(random.nextInt(users.size()));
                    chat.command(new AddMember(conversation, newcomer, owner));
                    if (!members.contains(newcomer)) {
                        members.add(newcomer);
                    }
                } else if (dice < 98 && members.size() > 2) {
                    UUID leaving = members.get(1 + random.nextInt(members.size() - 1));
                    chat.command(new RemoveMember(conversation, leaving, leaving));
                    members.remove(leaving);
                } else {
                    senderChange(conversation, messages, senderOf, actor, random);
                }
            }
            if (c % 5 == 0) {
                chat.command(new CloseConversation(conversation, owner));
            }
            if (c == 3) {
                // On hold through the erasure below, which reaches this conversation only when the hold ends.
                chat.command(new PlaceLegalHold(conversation, "Case " + c, users.get(0)));
                heldConversation = conversation;
            }
            if (c == 9) {
                // A user's content erased midway: their messages so far replay without it, the later ones with it.
                chat.command(new EraseUserContent(users.get(3), users.get(3)));
            }
            if (c == 12) {
                chat.command(new ReleaseLegalHold(heldConversation, users.get(0)));
                chat.command(new SetRetention(conversation, 3650, admin));
            }
        }
    }

    /** The actor edits or deletes their own latest message, if they have one. */
    private void senderChange(
            UUID conversation, List<UUID> messages, Map<UUID, UUID> senderOf, UUID actor, Random random) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            UUID message = messages.get(i);
            if (senderOf.get(message).equals(actor)) {
                if (random.nextBoolean()) {
                    chat.command(new EditMessage(conversation, message, "edited, @" + nickname(actor), actor));
                } else {
                    chat.command(new DeleteMessage(conversation, message, actor));
                    messages.remove(i);
                }
                return;
            }
        }
    }

    /** The nickname {@link Chat#register} gave the user. */
    private static String nickname(UUID user) {
        return "replay" + user.toString().substring(0, 6);
    }

    private Map<String, List<String>> dump() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : READ_MODEL_TABLES) {
            // Every column but audit_log's surrogate key, as text, in a total order.
            String columns = table.equals("audit_log")
                    ? "at, actor_id, action, conversation_id, message_id, outcome, correlation_id, event_id, detail"
                    : "*";
            tables.put(
                    table,
                    jdbc.sql("SELECT CAST(row_to_json(t) AS text) FROM (SELECT " + columns + " FROM " + table
                                    + ") t ORDER BY 1")
                            .query(String.class)
                            .list());
        }
        return tables;
    }
}
