/** Conversations: start, rename, membership and closing. */
package dev.curious.messenger.api.conversation;
