package dev.curious.messenger.api.conversation;

import java.util.List;

/**
 * The answer to {@link FindConversationsQuery}. A record rather than a bare list: a list's element type is lost when
 * the answer crosses Axon Server as JSON, a record's component types are not.
 */
public record ConversationList(List<ConversationSummary> conversations) {}
