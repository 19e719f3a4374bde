package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.conversation.PublishFrame;
import dev.curious.messenger.api.frame.WatchFramesQuery;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * Pushes Typing and PresenceChanged frames through the same subscription queries as the read model's changes, so
 * that they reach subscribers on every gateway node; nothing is stored.
 */
@Component
class EphemeralFrames {

    private final QueryUpdateEmitter updates;

    EphemeralFrames(QueryUpdateEmitter updates) {
        this.updates = updates;
    }

    @CommandHandler
    void handle(PublishFrame command) {
        updates.emit(WatchFramesQuery.class, query -> true, command.frame());
    }
}
