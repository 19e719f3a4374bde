package dev.curious.messenger.command.compliance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What retention and a legal hold change beside a conversation's events (the retention job's rows, the content keys'
 * states of docs/erasure.md), each in the command's transaction, so that the change and the event that says so
 * commit together. Three of them answer what the event then names, which is why they run before it, not after.
 */
public interface ContentErasure {

    /** Records the conversation's retention for the retention job. */
    void retain(UUID conversationId, int days);

    /** Keeps the conversation's keys through its senders' erasures (they become pending) until released. */
    void hold(UUID conversationId);

    /** Ends the hold: the keys of senders erased meanwhile are destroyed. Answers those senders. */
    List<UUID> release(UUID conversationId);

    /** Destroys the conversation's keys of the days before {@code firstKept}, unless it is on hold; how many. */
    int expire(UUID conversationId, LocalDate firstKept);
}
