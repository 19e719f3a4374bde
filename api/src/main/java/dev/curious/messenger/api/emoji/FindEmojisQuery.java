package dev.curious.messenger.api.emoji;

/** The emoji catalog, by key. */
public record FindEmojisQuery() {}
