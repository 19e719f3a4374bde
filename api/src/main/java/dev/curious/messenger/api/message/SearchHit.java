package dev.curious.messenger.api.message;

/**
 * A message that matched and the part of its content that did: HTML-safe, the text escaped and each matching word in
 * {@code <mark>...</mark>}.
 */
public record SearchHit(MessageView message, String highlight) {}
