package dev.curious.messenger.api.user;

import java.util.List;

/** The answer to {@link FindUsersByNicknameQuery}. */
public record UserList(List<UserSummary> users) {}
