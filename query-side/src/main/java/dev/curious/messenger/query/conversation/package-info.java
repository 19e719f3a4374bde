/**
 * Conversations, members with unread counters, messages, seen marks, reactions, the emoji catalog and what retention,
 * legal holds and erasure do to them, projected by one processing group ("conversations", three projections sharing
 * each batch) because they refer to each other; and the frames pushed to subscribers.
 */
package dev.curious.messenger.query.conversation;
