package dev.curious.messenger.api.conversation;

import dev.curious.messenger.api.compliance.LegalHold;
import java.util.List;
import java.util.UUID;

/**
 * A conversation as its members see it: with its retention in days (null: kept for ever); auditors see its legal
 * hold too (null for members, and when there is none); {@code frameSeq} is the last frame the answer includes.
 */
public record ConversationDetails(
        UUID id,
        String title,
        UUID ownerId,
        boolean closed,
        List<MemberView> members,
        Integer retentionDays,
        LegalHold legalHold,
        long frameSeq) {}
