package dev.curious.messenger.api.audit;

import java.util.List;
import java.util.UUID;

/** The nicknames of these users (at most 1,000), for an auditor's view. Answers a {@code UserList}. */
public record AuditNicknamesQuery(List<UUID> userIds) {}
