package dev.curious.messenger.api.user;

import java.util.UUID;

/** A user as others find them. */
public record UserSummary(UUID id, String nickname) {}
