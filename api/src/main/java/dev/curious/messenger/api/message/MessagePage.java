package dev.curious.messenger.api.message;

import java.util.List;

/**
 * Messages newest first; {@code nextBefore} asks for the page before it, {@code null} at the first message;
 * {@code frameSeq} is the conversation's last frame the page includes.
 */
public record MessagePage(List<MessageView> messages, Long nextBefore, long frameSeq) {}
