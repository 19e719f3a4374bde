/** Messages, seen marks and reactions, over REST and (through {@link dev.curious.messenger.gateway.message.Messaging}) STOMP. */
package dev.curious.messenger.gateway.message;
