package dev.curious.messenger.api.audit;

import java.util.List;

/** The answer to {@link AuditConversationsQuery}. */
public record AuditedConversationList(List<AuditedConversation> conversations) {}
