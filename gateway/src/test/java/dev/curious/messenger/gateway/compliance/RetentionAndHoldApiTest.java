package dev.curious.messenger.gateway.compliance;

import static dev.curious.messenger.gateway.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.command.compliance.RetentionSchedule;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import dev.curious.messenger.query.ProcessingGroups;
import dev.curious.messenger.query.replay.Replays;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention ({@code PUT /api/admin/conversations/{id}/retention}) and legal hold ({@code PUT/DELETE
 * /api/audit/conversations/{id}/legal-hold}) end to end: what each erases, what a hold keeps through retention and a
 * user's erasure, what its release then erases, every refusal a problem that stores nothing, all in the audit log,
 * and a replay of the read models that comes out the same. Time is moved by the system's clock.
 */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RetentionAndHoldApiTest.Clocks.class)
class RetentionAndHoldApiTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The system's clock, moved by the tests: messages sent "40 days ago", a job run "a month later". */
    static final class ShiftedClock extends Clock {
        private final Clock base = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
        private volatile Duration shift = Duration.ZERO;

        void shift(Duration by) {
            shift = by;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return base.instant().plus(shift);
        }
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ShiftedClock clock;

    @Autowired
    RetentionSchedule retention;

    @Autowired
    Replays replays;

    Api api;
    User admin;
    User auditor;
    User analyst;
    User ada;
    User bob;

    @BeforeEach
    void people() {
        api = new Api(port);
        admin = api.signIn("admin", "admin-password-1");
        auditor = api.registerWith("AUDITOR", "auditor", admin);
        analyst = api.registerWith("ANALYST", "analyst", admin);
        ada = api.register("ada");
        bob = api.register("bob");
    }

    @AfterEach
    void realTime() {
        clock.shift(Duration.ZERO);
    }

    private Map<String, JsonNode> messages(UUID conversation) {
        return api.messagesById("/api/audit/conversations/" + conversation + "/messages", auditor);
    }

    private String content(UUID conversation, UUID message) {
        JsonNode shown = messages(conversation).get(message.toString());
        assertThat(shown).as("message " + message).isNotNull();
        return shown.get("content").isNull() ? null : shown.get("content").asText();
    }

    private List<JsonNode> events(UUID conversation) {
        return api.get("/api/events?conversationId=" + conversation, analyst).lines();
    }

    /** The content of the message's events in the store, in order ("null" where unreadable). */
    private List<String> stored(UUID conversation, UUID message) throws Exception {
        return events(conversation).stream()
                .filter(e -> e.get("payload").path("messageId").asText().equals(message.toString()))
                .filter(e -> e.get("payload").has("content"))
                .map(e -> e.get("payload").get("content").isNull()
                        ? "null"
                        : e.get("payload").get("content").asText())
                .toList();
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    private Response put(String path, User user, Object body) {
        return api.call("PUT", path, user.token(), body);
    }

    private List<String> auditActions(UUID conversation) {
        List<String> actions = new ArrayList<>();
        api.get("/api/audit/log?conversationId=" + conversation + "&size=200", admin)
                .body()
                .get("entries")
                .forEach(e -> actions.add(e.get("action").asText() + " by "
                        + (e.path("actorId").isTextual() ? e.get("actorId").asText() : "system")));
        return actions;
    }

    @Test
    void retentionErasesWhatIsOlderAndTheJobWhatComesDueButNotWhileHeld() throws Exception {
        UUID conversation = api.start(ada, "Kept for a month", bob);
        clock.shift(Duration.ofDays(-40));
        UUID old = api.send(conversation, ada, "forty days ago");
        UUID rewritten = api.send(conversation, bob, "an old draft");
        // A reply then, quoting the draft: its stored frame holds an excerpt of it.
        assertThat(api.post(
                                "/api/conversations/" + conversation + "/messages",
                                ada,
                                Map.of("content", "what draft?", "replyTo", rewritten.toString()))
                        .status())
                .isEqualTo(202);
        clock.shift(Duration.ZERO);
        assertThat(api.call("PATCH", "/api/messages/" + rewritten, bob.token(), Map.of("content", "rewritten today"))
                        .status())
                .isEqualTo(204);
        UUID recent = api.send(conversation, ada, "fresh news");
        await().atMost(WAIT).until(() -> "rewritten today".equals(content(conversation, rewritten)));

        // Refused: not an admin, not a number of days, not a conversation; nothing stored.
        String path = "/api/admin/conversations/" + conversation + "/retention";
        long before = storedEvents();
        assertProblem(put(path, auditor, Map.of("days", 30)), 403, null);
        assertProblem(put(path, admin, Map.of("days", "thirty")), 400, null);
        assertProblem(put(path, admin, Map.of("days", 1.5)), 400, null);
        assertProblem(put(path, admin, Map.of("days", 0)), 400, "RETENTION_INVALID");
        assertProblem(put(path, admin, "{}"), 400, "RETENTION_INVALID");
        assertProblem(
                put("/api/admin/conversations/" + UUID.randomUUID() + "/retention", admin, Map.of("days", 30)),
                404,
                null);
        assertThat(storedEvents()).isEqualTo(before);

        assertThat(put(path, admin, Map.of("days", 30)).status()).isEqualTo(204);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode erased = messages(conversation).get(old.toString());
            assertThat(erased.get("content").isNull()).isTrue();
            assertThat(erased.get("erased").asBoolean()).isTrue();
        });
        assertThat(content(conversation, rewritten)).isEqualTo("rewritten today");
        assertThat(content(conversation, recent)).isEqualTo("fresh news");
        // In the store: what was written forty days ago is unreadable, the edit of today is not.
        assertThat(stored(conversation, old)).containsExactly("null");
        assertThat(stored(conversation, rewritten)).containsExactly("null", "rewritten today");
        assertThat(api.get("/api/conversations/" + conversation + "/frames?after=0", bob)
                        .text())
                .doesNotContain("forty days ago")
                .doesNotContain("an old draft")
                .contains("fresh news");
        assertThat(api.get("/api/search?q=forty", ada).body().get("hits")).isEmpty();
        assertThat(api.get("/api/audit/conversations/" + conversation, auditor)
                        .body()
                        .get("retentionDays")
                        .asInt())
                .isEqualTo(30);

        // On hold, a month later: the job leaves it alone.
        assertThat(put("/api/audit/conversations/" + conversation + "/legal-hold", auditor, Map.of("reason", "Audit"))
                        .status())
                .isEqualTo(204);
        clock.shift(Duration.ofDays(31));
        await().atMost(WAIT)
                .until(() -> api.get("/api/audit/conversations/" + conversation, auditor)
                        .body()
                        .hasNonNull("legalHold"));
        assertThat(retention.expireDue()).isZero();
        assertThat(content(conversation, recent)).isEqualTo("fresh news");

        // Released: the retention it held back applies at once.
        assertThat(api.call("DELETE", "/api/audit/conversations/" + conversation + "/legal-hold", auditor.token(), null)
                        .status())
                .isEqualTo(204);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(content(conversation, recent)).isNull();
            assertThat(content(conversation, rewritten)).isNull();
        });
        assertThat(stored(conversation, recent)).containsExactly("null");
        assertThat(retention.expireDue()).isZero();

        // The job itself: another conversation, a day's content due.
        clock.shift(Duration.ZERO);
        UUID other = api.start(bob, "Kept for a day", ada);
        UUID yesterday = api.send(other, bob, "gone tomorrow");
        assertThat(put("/api/admin/conversations/" + other + "/retention", admin, Map.of("days", 1))
                        .status())
                .isEqualTo(204);
        assertThat(retention.expireDue()).isZero();
        clock.shift(Duration.ofDays(2));
        assertThat(retention.expireDue()).isEqualTo(1);
        await().atMost(WAIT).until(() -> content(other, yesterday) == null);
        assertThat(stored(other, yesterday)).containsExactly("null");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(auditActions(conversation))
                        .contains(
                                "RetentionChanged by " + admin.id(),
                                "ConversationContentExpired by " + admin.id(),
                                "LegalHoldPlaced by " + auditor.id(),
                                "LegalHoldReleased by " + auditor.id(),
                                "ConversationContentExpired by " + auditor.id()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(auditActions(other)).contains("ConversationContentExpired by system"));
        assertReplayedTheSame(conversation, other);
    }

    @Test
    void aHoldKeepsAnErasedUsersContentInThatConversationUntilItEnds() throws Exception {
        UUID held = api.start(ada, "Under investigation", bob);
        UUID free = api.start(ada, "Elsewhere", bob);
        UUID kept = api.send(held, ada, "the invoice was backdated");
        UUID elsewhere = api.send(free, ada, "lunch on friday");

        // Refused: a member, no reason, a second hold, an unknown conversation; nothing stored.
        String hold = "/api/audit/conversations/" + held + "/legal-hold";
        long before = storedEvents();
        assertProblem(put(hold, ada, Map.of("reason", "mine")), 403, null);
        assertProblem(put(hold, auditor, Map.of("reason", "  ")), 400, "HOLD_REASON_INVALID");
        assertProblem(
                put(
                        "/api/audit/conversations/" + UUID.randomUUID() + "/legal-hold",
                        auditor,
                        Map.of("reason", "Case 12")),
                404,
                null);
        assertProblem(api.call("DELETE", hold, auditor.token(), null), 409, "NOT_ON_HOLD");
        assertThat(storedEvents()).isEqualTo(before);

        assertThat(put(hold, auditor, Map.of("reason", "Case 12: invoices")).status())
                .isEqualTo(204);
        assertProblem(put(hold, admin, Map.of("reason", "again")), 409, "ALREADY_ON_HOLD");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode audited =
                    api.get("/api/audit/conversations/" + held, auditor).body();
            assertThat(audited.get("legalHold").get("reason").asText()).isEqualTo("Case 12: invoices");
            assertThat(audited.get("legalHold").get("placedBy").asText())
                    .isEqualTo(auditor.id().toString());
        });
        // Members are not told.
        assertThat(api.get("/api/conversations/" + held, bob)
                        .body()
                        .get("legalHold")
                        .isNull())
                .isTrue();

        assertThat(api.call("DELETE", "/api/users/" + ada.id() + "/content", admin.token(), null)
                        .status())
                .isEqualTo(204);
        await().atMost(WAIT).until(() -> content(free, elsewhere) == null);
        assertThat(content(held, kept)).isEqualTo("the invoice was backdated");
        assertThat(stored(held, kept)).containsExactly("the invoice was backdated");
        assertThat(stored(free, elsewhere)).containsExactly("null");
        UUID during = api.send(held, ada, "said after my erasure");

        assertThat(api.call("DELETE", hold, auditor.token(), null).status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> content(held, kept) == null);
        assertThat(messages(held).get(kept.toString()).get("erased").asBoolean())
                .isTrue();
        assertThat(content(held, during)).isEqualTo("said after my erasure");
        assertThat(stored(held, kept)).containsExactly("null");
        assertThat(stored(held, during)).containsExactly("said after my erasure");
        assertThat(api.get("/api/search?q=invoice", bob).body().get("hits")).isEmpty();
        assertThat(api.get("/api/conversations/" + held + "/frames?after=0", bob)
                        .text())
                .doesNotContain("backdated")
                .contains("said after my erasure");
        assertThat(api.get("/api/audit/conversations/" + held, auditor)
                        .body()
                        .get("legalHold")
                        .isNull())
                .isTrue();

        List<JsonNode> history = events(held);
        JsonNode released = history.stream()
                .filter(e -> e.get("type").asText().equals("LegalHoldReleased"))
                .findFirst()
                .orElseThrow();
        assertThat(released.get("payload").get("erasedUsers").toString()).isEqualTo("[\"" + ada.id() + "\"]");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(auditActions(held))
                        .contains("LegalHoldPlaced by " + auditor.id(), "LegalHoldReleased by " + auditor.id()));
        assertReplayedTheSame(held, free);
    }

    /** The conversations' messages as the audit API shows them are the same after a replay of every group. */
    private void assertReplayedTheSame(UUID... conversations) {
        Map<UUID, String> before = new HashMap<>();
        for (UUID conversation : conversations) {
            before.put(conversation, messages(conversation).toString());
        }
        ProcessingGroups.ALL.forEach(replays::start);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ProcessingGroups.ALL.stream()
                        .allMatch(group -> replays.progress(group).done()));
        for (UUID conversation : conversations) {
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(messages(conversation).toString()).isEqualTo(before.get(conversation)));
        }
    }
}
