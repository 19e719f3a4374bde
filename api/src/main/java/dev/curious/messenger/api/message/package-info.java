/** Messages of a conversation: sending, editing, deleting, marking seen and reacting. */
package dev.curious.messenger.api.message;
