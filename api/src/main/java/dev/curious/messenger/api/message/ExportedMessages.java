package dev.curious.messenger.api.message;

import java.util.List;

/** A batch of an export, oldest first; fewer than asked for at the end. */
public record ExportedMessages(List<MessageView> messages) {}
