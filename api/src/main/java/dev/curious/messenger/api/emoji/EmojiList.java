package dev.curious.messenger.api.emoji;

import java.util.List;

/** The answer to {@link FindEmojisQuery}: the catalog in the order it grew. */
public record EmojiList(List<EmojiView> emojis) {}
