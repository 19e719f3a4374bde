/** The query side: read models projected from the events, the queries over them, replay, and the audit log. */
package dev.curious.messenger.query;
