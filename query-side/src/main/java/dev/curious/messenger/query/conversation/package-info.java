/**
 * Conversations, members with unread counters, messages, seen marks, reactions and the emoji catalog, projected by
 * one processing group ("conversations") because they refer to each other; and the frames pushed to subscribers.
 */
package dev.curious.messenger.query.conversation;
