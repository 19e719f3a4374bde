package dev.curious.messenger.api.emoji;

/** A catalog emoji. */
public record EmojiView(String key, String unicode) {}
