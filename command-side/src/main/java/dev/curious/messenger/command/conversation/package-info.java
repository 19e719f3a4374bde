/** The conversation aggregate: membership, ownership, messages with their sequence, seen watermarks, reactions. */
package dev.curious.messenger.command.conversation;
