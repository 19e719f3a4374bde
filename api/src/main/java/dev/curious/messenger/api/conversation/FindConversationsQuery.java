package dev.curious.messenger.api.conversation;

import java.util.UUID;

/** The conversations a user is a member of, newest activity first; answered with a list of summaries. */
public record FindConversationsQuery(UUID memberId, int limit) {}
