package dev.curious.messenger.api.message;

import java.util.List;

/** Search hits newest first; {@code nextBefore} asks for the hits after them, {@code null} when there are no more. */
public record SearchResults(List<SearchHit> hits, Long nextBefore) {}
