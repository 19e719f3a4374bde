/**
 * Retention and legal hold of a conversation's content: the commands an admin or auditor gives, and the events that
 * say what was kept and what was erased (by destroying the keys that sealed it).
 */
package dev.curious.messenger.api.compliance;
