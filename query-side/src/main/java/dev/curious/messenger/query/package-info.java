/** Read models projected from the events, and the queries over them (filled in by the query-side issue). */
package dev.curious.messenger.query;
