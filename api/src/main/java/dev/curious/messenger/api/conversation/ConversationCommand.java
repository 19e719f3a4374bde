package dev.curious.messenger.api.conversation;

import dev.curious.messenger.api.Command;
import java.util.UUID;

/** A command handled by one conversation, on behalf of the user who asked for it. */
public interface ConversationCommand extends Command {

    /** The conversation that handles the command; commands are routed by it. */
    UUID conversationId();
}
