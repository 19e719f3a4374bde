package dev.curious.messenger.command.user;

import java.util.List;
import java.util.UUID;

/**
 * What a user's erasure changes beside its event (the content keys' states of docs/erasure.md), in the command's
 * transaction, so that the keys and the event that says so commit together.
 */
public interface UserErasure {

    /**
     * Destroys the user's content keys but those of conversations on legal hold, which become pending. Answers those
     * conversations, which the event names.
     */
    List<UUID> eraseUser(UUID userId);
}
