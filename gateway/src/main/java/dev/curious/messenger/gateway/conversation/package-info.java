/** Conversations over REST: start, list, details, rename, members, close. */
package dev.curious.messenger.gateway.conversation;
