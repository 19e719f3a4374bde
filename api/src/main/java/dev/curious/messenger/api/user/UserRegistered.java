package dev.curious.messenger.api.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A user was registered; holds no password, hash or token. */
@Revision("1")
public record UserRegistered(UUID userId, String nickname, Instant registeredAt) {}
