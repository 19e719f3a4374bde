package dev.curious.messenger.api.user;

/** Users whose nickname starts with {@code prefix}, ignoring case, alphabetically. */
public record FindUsersByNicknameQuery(String prefix, int limit) {}
