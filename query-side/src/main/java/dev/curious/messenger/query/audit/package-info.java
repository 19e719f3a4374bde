/** The audit log: a row per stored event (processing group "audit"), plus denied attempts and audit queries. */
package dev.curious.messenger.query.audit;
