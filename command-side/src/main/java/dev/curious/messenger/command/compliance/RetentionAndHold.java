package dev.curious.messenger.command.compliance;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.curious.messenger.api.compliance.ConversationContentExpired;
import dev.curious.messenger.api.compliance.ExpireContent;
import dev.curious.messenger.api.compliance.LegalHoldPlaced;
import dev.curious.messenger.api.compliance.LegalHoldReleased;
import dev.curious.messenger.api.compliance.PlaceLegalHold;
import dev.curious.messenger.api.compliance.ReleaseLegalHold;
import dev.curious.messenger.api.compliance.RetentionChanged;
import dev.curious.messenger.api.compliance.SetRetention;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.command.compliance.ComplianceRejections.AlreadyOnHold;
import dev.curious.messenger.command.compliance.ComplianceRejections.AuditorRequired;
import dev.curious.messenger.command.compliance.ComplianceRejections.HoldReasonInvalid;
import dev.curious.messenger.command.compliance.ComplianceRejections.NotOnHold;
import dev.curious.messenger.command.compliance.ComplianceRejections.RetentionInvalid;
import dev.curious.messenger.command.user.UserDirectory;
import dev.curious.messenger.command.user.UserRejections.AdminRequired;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * A conversation's retention and legal hold (an aggregate member of the conversation), and how each holds back the
 * other: while held, neither retention nor a sender's erasure destroys its content; the release lets both apply.
 * What it changes beside its events goes through {@link ContentErasure}.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class RetentionAndHold {

    /** The longest reason a legal hold gives. */
    public static final int MAX_HOLD_REASON = 500;

    /** Days its content is kept after it was written, or null: for ever. */
    private Integer retentionDays;
    /** On legal hold: no retention, no sender's erasure. */
    private boolean held;

    /**
     * Keeps the conversation's content for {@code days} after it was written; an admin. What is older already is
     * erased at once (unless the conversation is on hold), the rest by the retention job as it comes due.
     */
    @CommandHandler
    void handle(SetRetention command, UserDirectory users, ContentErasure erasure, Clock clock) {
        if (command.actorId() == null || !users.hasRole(command.actorId(), Role.ADMIN)) {
            throw new AdminRequired("Only an admin sets a conversation's retention");
        }
        if (command.days() == null || command.days() < 1 || command.days() > RetentionSchedule.MAX_DAYS) {
            throw new RetentionInvalid("Retention is a whole number of days from 1 to " + RetentionSchedule.MAX_DAYS);
        }
        if (!command.days().equals(retentionDays)) {
            erasure.retain(command.conversationId(), command.days());
            apply(new RetentionChanged(command.conversationId(), command.days(), command.actorId(), clock.instant()));
        }
        expireDue(command.conversationId(), erasure, clock);
    }

    /** The retention job's command: erases what its retention says is due, unless on hold. */
    @CommandHandler
    void handle(ExpireContent command, ContentErasure erasure, Clock clock) {
        expireDue(command.conversationId(), erasure, clock);
    }

    @CommandHandler
    void handle(PlaceLegalHold command, UserDirectory users, ContentErasure erasure, Clock clock) {
        requireAuditor(command.actorId(), users);
        String reason = holdReason(command.reason());
        if (held) {
            throw new AlreadyOnHold("The conversation is on legal hold already");
        }
        erasure.hold(command.conversationId());
        apply(new LegalHoldPlaced(command.conversationId(), reason, command.actorId(), clock.instant()));
    }

    /** Ends the hold: the erasures it held back apply, and so does retention that came due meanwhile. */
    @CommandHandler
    void handle(ReleaseLegalHold command, UserDirectory users, ContentErasure erasure, Clock clock) {
        requireAuditor(command.actorId(), users);
        if (!held) {
            throw new NotOnHold("The conversation is not on legal hold");
        }
        List<UUID> erased = erasure.release(command.conversationId());
        apply(new LegalHoldReleased(command.conversationId(), command.actorId(), clock.instant(), erased));
        expireDue(command.conversationId(), erasure, clock);
    }

    /**
     * Destroys the keys of the days that are wholly older than the retention, and says so when there were any: the
     * content written before the start of the day {@code retentionDays} ago (UTC) is erased.
     */
    private void expireDue(UUID conversationId, ContentErasure erasure, Clock clock) {
        if (held || retentionDays == null) {
            return;
        }
        LocalDate firstKept =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(retentionDays);
        if (erasure.expire(conversationId, firstKept) > 0) {
            apply(new ConversationContentExpired(
                    conversationId, firstKept.atStartOfDay(ZoneOffset.UTC).toInstant(), clock.instant()));
        }
    }

    private static void requireAuditor(UUID actorId, UserDirectory users) {
        if (actorId == null || !(users.hasRole(actorId, Role.AUDITOR) || users.hasRole(actorId, Role.ADMIN))) {
            throw new AuditorRequired("Only an auditor or an admin places or releases a legal hold");
        }
    }

    /** A legal hold's reason as stored: trimmed, 1 to 500 characters, no control characters but new lines. */
    static String holdReason(String reason) {
        String trimmed = reason == null ? "" : reason.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < 1 || length > MAX_HOLD_REASON) {
            throw new HoldReasonInvalid(
                    "A legal hold's reason has 1 to " + MAX_HOLD_REASON + " characters after trimming");
        }
        if (trimmed.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new HoldReasonInvalid("A legal hold's reason holds no control characters except new lines");
        }
        return trimmed;
    }

    @EventSourcingHandler
    void on(RetentionChanged event) {
        retentionDays = event.days();
    }

    @EventSourcingHandler
    void on(LegalHoldPlaced event) {
        held = true;
    }

    @EventSourcingHandler
    void on(LegalHoldReleased event) {
        held = false;
    }
}
