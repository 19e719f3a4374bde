package dev.curious.messenger.api;

import java.util.UUID;

/** A command sent on behalf of a user; the user's id goes into the metadata of every event it causes. */
public interface Command {

    /** The acting user, or {@code null} for the system's own commands (bootstrap and seeding). */
    UUID actorId();
}
