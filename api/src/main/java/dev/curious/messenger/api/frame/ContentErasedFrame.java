package dev.curious.messenger.api.frame;

import java.time.Instant;
import java.util.UUID;

/**
 * Content of the conversation was erased: a sender's ({@code senderId}: their erasure, or a legal hold's release
 * applying it), or what was written before {@code before} (retention). A passing signal, not stored: the stored
 * frames and the messages as a query answers them already hold the erasure; a client showing the conversation
 * drops what it shows by reading them again.
 */
public record ContentErasedFrame(UUID conversationId, UUID senderId, Instant before, Instant erasedAt)
        implements ConversationFrame {}
