package dev.curious.messenger.api.user;

import java.util.List;
import java.util.UUID;

/**
 * Which of these users have an open STOMP session: sent to every gateway node (scatter-gather), each answering with
 * the ones connected to it, as a list of user ids.
 */
public record FindOnlineUsersQuery(List<UUID> userIds) {}
