package dev.curious.messenger.api.user;

import java.util.List;
import java.util.UUID;

/** A user with all their roles, USER included. */
public record UserView(UUID id, String nickname, List<Role> roles) {}
