/** Analysts' view of the event store itself: the NDJSON event history and a conversation's state as of a time. */
package dev.curious.messenger.gateway.history;
