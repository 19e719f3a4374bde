/** Axon wiring: event store and token store on PostgreSQL, or Axon Server, one serializer, correlation metadata. */
package dev.curious.messenger.platform.axon;
