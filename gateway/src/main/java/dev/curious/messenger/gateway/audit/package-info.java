/** Auditors' read-only view of every conversation, its messages, a user's activity and the audit log. */
package dev.curious.messenger.gateway.audit;
