package dev.curious.messenger.api.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Any conversations, for auditors: those {@code memberId} is a member of (any member when {@code null}) that were
 * active within [{@code from}, {@code to}) (started before {@code to}, last active at or after {@code from}), most
 * recently active first. Answers a list of {@link AuditedConversation}.
 */
public record AuditConversationsQuery(UUID memberId, Instant from, Instant to, int limit) {}
