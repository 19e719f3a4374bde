package dev.curious.messenger.api.user;

import java.util.List;
import java.util.UUID;

/** One gateway node's answer to {@link FindOnlineUsersQuery}: the users among those asked with a session there. */
public record OnlineUsers(List<UUID> userIds) {}
