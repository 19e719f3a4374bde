package dev.curious.messenger.api.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Any conversations, for auditors: those {@code memberId} is a member of (any member when {@code null}) that were
 * active within [{@code from}, {@code to}) (started before {@code to}, last active at or after {@code from}) and that
 * {@code q} finds (any when {@code null}: a title holding it ignoring case, a member whose nickname starts with it
 * ignoring case, or the conversation's id), most recently active first. Answers a list of {@link AuditedConversation}.
 */
public record AuditConversationsQuery(UUID memberId, Instant from, Instant to, int limit, String q) {

    /** Without a search text. */
    public AuditConversationsQuery(UUID memberId, Instant from, Instant to, int limit) {
        this(memberId, from, to, limit, null);
    }
}
