package dev.curious.messenger.command.conversation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.curious.messenger.api.compliance.ConversationContentExpired;
import dev.curious.messenger.api.compliance.ExpireContent;
import dev.curious.messenger.api.compliance.LegalHoldPlaced;
import dev.curious.messenger.api.compliance.LegalHoldReleased;
import dev.curious.messenger.api.compliance.PlaceLegalHold;
import dev.curious.messenger.api.compliance.ReleaseLegalHold;
import dev.curious.messenger.api.compliance.RetentionChanged;
import dev.curious.messenger.api.compliance.SetRetention;
import dev.curious.messenger.api.conversation.ConversationClosed;
import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.command.compliance.ComplianceRejections.AlreadyOnHold;
import dev.curious.messenger.command.compliance.ComplianceRejections.AuditorRequired;
import dev.curious.messenger.command.compliance.ComplianceRejections.HoldReasonInvalid;
import dev.curious.messenger.command.compliance.ComplianceRejections.NotOnHold;
import dev.curious.messenger.command.compliance.ComplianceRejections.RetentionInvalid;
import dev.curious.messenger.command.compliance.ContentErasure;
import dev.curious.messenger.command.compliance.RetentionAndHold;
import dev.curious.messenger.command.compliance.RetentionSchedule;
import dev.curious.messenger.command.user.UserDirectory;
import dev.curious.messenger.command.user.UserRejections.AdminRequired;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention (admins) and legal hold (auditors and admins) of a conversation, and how each holds back the other. */
class ConversationRetentionAndHoldTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");
    /** Thirty days before today (UTC): the first day a retention of 30 days keeps. */
    private static final LocalDate FIRST_KEPT = LocalDate.parse("2026-10-22");

    private static final Instant FIRST_KEPT_AT = Instant.parse("2026-10-22T00:00:00Z");
    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID ADMIN = UUID.randomUUID();
    private static final UUID AUDITOR = UUID.randomUUID();

    private final UserDirectory users = mock(UserDirectory.class);
    private final ContentErasure erasure = mock(ContentErasure.class);
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerInjectableResource(users);
        fixture.registerInjectableResource(erasure);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        when(users.hasRole(ADMIN, Role.ADMIN)).thenReturn(true);
        when(users.hasRole(AUDITOR, Role.AUDITOR)).thenReturn(true);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(CONVERSATION, "Lunch", OWNER, List.of(OWNER, ALICE), NOW.minusSeconds(86_400));
    }

    @Test
    void anAdminSetsRetentionAndWhatIsOlderIsErasedAtOnce() {
        when(erasure.expire(CONVERSATION, FIRST_KEPT)).thenReturn(3);
        fixture.given(started())
                .when(new SetRetention(CONVERSATION, 30, ADMIN))
                .expectEvents(
                        new RetentionChanged(CONVERSATION, 30, ADMIN, NOW),
                        new ConversationContentExpired(CONVERSATION, FIRST_KEPT_AT, NOW));
        verify(erasure).retain(CONVERSATION, 30);
    }

    @Test
    void retentionWithNothingDueStoresOnlyTheRetention() {
        fixture.given(started())
                .when(new SetRetention(CONVERSATION, 30, ADMIN))
                .expectEvents(new RetentionChanged(CONVERSATION, 30, ADMIN, NOW));
    }

    @Test
    void theSameRetentionAgainStoresNothing() {
        fixture.given(started(), new RetentionChanged(CONVERSATION, 30, ADMIN, NOW))
                .when(new SetRetention(CONVERSATION, 30, ADMIN))
                .expectNoEvents();
        verify(erasure, never()).retain(any(), anyInt());
    }

    @Test
    void onlyAnAdminSetsRetention() {
        fixture.given(started())
                .when(new SetRetention(CONVERSATION, 30, OWNER))
                .expectException(AdminRequired.class)
                .expectNoEvents();
        fixture.given(started())
                .when(new SetRetention(CONVERSATION, 30, AUDITOR))
                .expectException(AdminRequired.class);
        verify(erasure, never()).expire(any(), any());
    }

    @Test
    void retentionIsOneDayToAHundredYears() {
        for (Integer days : new Integer[] {null, 0, -1, RetentionSchedule.MAX_DAYS + 1}) {
            fixture.given(started())
                    .when(new SetRetention(CONVERSATION, days, ADMIN))
                    .expectException(RetentionInvalid.class)
                    .expectNoEvents();
        }
        fixture.given(started())
                .when(new SetRetention(CONVERSATION, RetentionSchedule.MAX_DAYS, ADMIN))
                .expectEvents(new RetentionChanged(CONVERSATION, RetentionSchedule.MAX_DAYS, ADMIN, NOW));
    }

    @Test
    void theJobErasesWhatCameDue() {
        when(erasure.expire(CONVERSATION, FIRST_KEPT)).thenReturn(1);
        fixture.given(started(), new RetentionChanged(CONVERSATION, 30, ADMIN, NOW.minusSeconds(86_400 * 40L)))
                .when(new ExpireContent(CONVERSATION))
                .expectEvents(new ConversationContentExpired(CONVERSATION, FIRST_KEPT_AT, NOW));
    }

    @Test
    void theJobStoresNothingWithoutRetentionOrWhenNothingIsDue() {
        fixture.given(started()).when(new ExpireContent(CONVERSATION)).expectNoEvents();
        verify(erasure, never()).expire(any(), any());
        fixture.given(started(), new RetentionChanged(CONVERSATION, 30, ADMIN, NOW))
                .when(new ExpireContent(CONVERSATION))
                .expectNoEvents();
    }

    @Test
    void aHoldSuspendsRetention() {
        when(erasure.expire(any(), any())).thenReturn(5);
        fixture.given(
                        started(),
                        new RetentionChanged(CONVERSATION, 30, ADMIN, NOW),
                        new LegalHoldPlaced(CONVERSATION, "Case 12", AUDITOR, NOW))
                .when(new ExpireContent(CONVERSATION))
                .expectNoEvents();
        fixture.given(started(), new LegalHoldPlaced(CONVERSATION, "Case 12", AUDITOR, NOW))
                .when(new SetRetention(CONVERSATION, 7, ADMIN))
                .expectEvents(new RetentionChanged(CONVERSATION, 7, ADMIN, NOW));
        verify(erasure, never()).expire(any(), any());
    }

    @Test
    void anAuditorOrAnAdminPlacesAHold() {
        fixture.given(started())
                .when(new PlaceLegalHold(CONVERSATION, "  Case 12 v. ACME  ", AUDITOR))
                .expectEvents(new LegalHoldPlaced(CONVERSATION, "Case 12 v. ACME", AUDITOR, NOW));
        verify(erasure).hold(CONVERSATION);
        fixture.given(started())
                .when(new PlaceLegalHold(CONVERSATION, "Case 13", ADMIN))
                .expectEvents(new LegalHoldPlaced(CONVERSATION, "Case 13", ADMIN, NOW));
    }

    @Test
    void membersDoNotPlaceOrReleaseHolds() {
        fixture.given(started())
                .when(new PlaceLegalHold(CONVERSATION, "Case 12", OWNER))
                .expectException(AuditorRequired.class)
                .expectNoEvents();
        fixture.given(started(), new LegalHoldPlaced(CONVERSATION, "Case 12", AUDITOR, NOW))
                .when(new ReleaseLegalHold(CONVERSATION, OWNER))
                .expectException(AuditorRequired.class)
                .expectNoEvents();
        verify(erasure, never()).hold(any());
        verify(erasure, never()).release(any());
    }

    @Test
    void aHoldSaysWhy() {
        for (String reason :
                new String[] {null, "   ", "x".repeat(RetentionAndHold.MAX_HOLD_REASON + 1), "Case\u000712"}) {
            fixture.given(started())
                    .when(new PlaceLegalHold(CONVERSATION, reason, AUDITOR))
                    .expectException(HoldReasonInvalid.class)
                    .expectNoEvents();
        }
    }

    @Test
    void oneHoldAtATime() {
        fixture.given(started(), new LegalHoldPlaced(CONVERSATION, "Case 12", AUDITOR, NOW))
                .when(new PlaceLegalHold(CONVERSATION, "Case 13", AUDITOR))
                .expectException(AlreadyOnHold.class)
                .expectNoEvents();
        fixture.given(started())
                .when(new ReleaseLegalHold(CONVERSATION, AUDITOR))
                .expectException(NotOnHold.class)
                .expectNoEvents();
    }

    @Test
    void releasingAHoldAppliesTheErasuresAndTheRetentionItHeldBack() {
        when(erasure.release(CONVERSATION)).thenReturn(List.of(ALICE));
        when(erasure.expire(CONVERSATION, FIRST_KEPT)).thenReturn(2);
        fixture.given(
                        started(),
                        new RetentionChanged(CONVERSATION, 30, ADMIN, NOW),
                        new LegalHoldPlaced(CONVERSATION, "Case 12", AUDITOR, NOW))
                .when(new ReleaseLegalHold(CONVERSATION, AUDITOR))
                .expectEvents(
                        new LegalHoldReleased(CONVERSATION, AUDITOR, NOW, List.of(ALICE)),
                        new ConversationContentExpired(CONVERSATION, FIRST_KEPT_AT, NOW));
    }

    @Test
    void aClosedConversationCanStillBeHeldAndExpire() {
        when(erasure.expire(CONVERSATION, FIRST_KEPT)).thenReturn(1);
        fixture.given(started(), new ConversationClosed(CONVERSATION, OWNER, NOW))
                .when(new SetRetention(CONVERSATION, 30, ADMIN))
                .expectEvents(
                        new RetentionChanged(CONVERSATION, 30, ADMIN, NOW),
                        new ConversationContentExpired(CONVERSATION, FIRST_KEPT_AT, NOW));
    }
}
