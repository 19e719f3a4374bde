/** The audit log: who did what when, from the events and from the gateway's denied attempts. */
package dev.curious.messenger.api.audit;
