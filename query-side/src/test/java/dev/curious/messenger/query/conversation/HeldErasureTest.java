package dev.curious.messenger.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.compliance.LegalHoldPlaced;
import dev.curious.messenger.api.compliance.LegalHoldReleased;
import dev.curious.messenger.api.message.EditMessage;
import dev.curious.messenger.api.user.UserContentErased;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the read model applies a user's erasure held back by a legal hold, given the hold's events as they are stored
 * (published here straight to the store, so their order can be the one a projection with several segments may see:
 * the user's erasure and the conversation's release in either order). Only the read model is looked at; the keys are
 * {@code ContentKeysTest}'s.
 */
@SpringBootTest(classes = CommandAndQuerySides.class)
class HeldErasureTest {

    @Autowired
    Chat chat;

    @Autowired
    EventGateway events;

    @Autowired
    JdbcClient jdbc;

    private String content(UUID message) {
        return jdbc.sql("SELECT content FROM chat_messages WHERE id = ?")
                .param(message)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private long pending(UUID conversation) {
        return jdbc.sql("SELECT count(*) FROM chat_pending_erasures WHERE conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
    }

    @Test
    void theReleaseAppliesTheHeldErasureButNotToAnEditMadeAfterIt() {
        UUID ada = chat.register("held");
        UUID bob = chat.register("held");
        UUID held = chat.start(ada, "Held", bob);
        UUID before = chat.send(held, ada, "said before the erasure");
        UUID edited = chat.send(held, ada, "first words");
        UUID bobs = chat.send(held, bob, "bob's words");
        events.publish(new LegalHoldPlaced(held, "Case", bob, Instant.now()));
        events.publish(new UserContentErased(ada, ada, Instant.now(), List.of(held)));
        chat.command(new EditMessage(held, edited, "rewritten after the erasure", ada));
        UUID after = chat.send(held, ada, "said after the erasure");
        chat.awaitProjected();
        assertThat(content(before)).isEqualTo("said before the erasure");
        assertThat(pending(held)).isOne();

        events.publish(new LegalHoldReleased(held, bob, Instant.now(), List.of(ada)));
        chat.awaitProjected();

        assertThat(content(before)).isNull();
        assertThat(content(edited)).isEqualTo("rewritten after the erasure");
        assertThat(content(after)).isEqualTo("said after the erasure");
        assertThat(content(bobs)).isEqualTo("bob's words");
        assertThat(pending(held)).isZero();
    }

    @Test
    void aReleaseProjectedBeforeTheErasureItNamesAppliesItWhenTheErasureComes() {
        UUID ada = chat.register("held");
        UUID bob = chat.register("held");
        UUID held = chat.start(ada, "Held", bob);
        UUID elsewhere = chat.start(ada, "Elsewhere", bob);
        UUID before = chat.send(held, ada, "said before the erasure");
        UUID other = chat.send(elsewhere, ada, "said elsewhere");
        events.publish(new LegalHoldReleased(held, bob, Instant.now(), List.of(ada)));
        chat.awaitProjected();
        assertThat(content(before)).isEqualTo("said before the erasure");
        assertThat(pending(held)).isOne();

        events.publish(new UserContentErased(ada, ada, Instant.now(), List.of(held)));
        chat.awaitProjected();

        assertThat(content(before)).isNull();
        assertThat(content(other)).isNull();
        assertThat(pending(held)).isZero();
    }
}
