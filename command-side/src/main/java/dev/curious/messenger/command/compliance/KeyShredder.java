package dev.curious.messenger.command.compliance;

import dev.curious.messenger.command.user.UserErasure;
import dev.curious.messenger.platform.content.ContentKeys;
import dev.curious.messenger.platform.content.KeyStates;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The side effects of erasure, retention and legal hold, outside the aggregates that decide them: the retention
 * job's rows ({@link RetentionSchedule}) and the transitions of the content keys ({@link KeyStates}), all in the
 * caller's transaction.
 */
@Component
class KeyShredder implements ContentErasure, UserErasure {

    private final KeyStates keys;
    private final RetentionSchedule schedule;

    KeyShredder(ContentKeys contentKeys, RetentionSchedule schedule) {
        this.keys = new KeyStates(contentKeys);
        this.schedule = schedule;
    }

    @Override
    public void retain(UUID conversationId, int days) {
        schedule.set(conversationId, days);
    }

    @Override
    public void hold(UUID conversationId) {
        keys.hold(conversationId);
    }

    @Override
    public List<UUID> release(UUID conversationId) {
        return keys.release(conversationId);
    }

    @Override
    public int expire(UUID conversationId, LocalDate firstKept) {
        return keys.expire(conversationId, firstKept);
    }

    @Override
    public List<UUID> eraseUser(UUID userId) {
        return keys.eraseUser(userId);
    }
}
