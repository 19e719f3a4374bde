package dev.curious.messenger.api.user;

import java.util.UUID;

/** One user with their roles; empty when unknown. */
public record FindUserQuery(UUID userId) {}
