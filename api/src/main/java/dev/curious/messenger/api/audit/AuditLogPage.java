package dev.curious.messenger.api.audit;

import java.util.List;

/** A page of the audit log. */
public record AuditLogPage(List<AuditEntry> entries, int page, int size) {}
