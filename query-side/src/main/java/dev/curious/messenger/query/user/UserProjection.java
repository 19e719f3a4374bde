package dev.curious.messenger.query.user;

import dev.curious.messenger.api.user.Nicknames;
import dev.curious.messenger.api.user.RoleGranted;
import dev.curious.messenger.api.user.RoleRevoked;
import dev.curious.messenger.api.user.UserRegistered;
import dev.curious.messenger.query.ProcessingGroups;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Projects users and their roles into {@code auth_users}; a repeated event changes nothing. */
@Component
@ProcessingGroup(ProcessingGroups.USERS)
class UserProjection {

    @PersistenceContext
    private EntityManager entityManager;

    @EventHandler
    void on(UserRegistered event) {
        if (entityManager.find(UserRecord.class, event.userId()) == null) {
            String key = Nicknames.key(event.nickname());
            // Look-alikes registered before keys were skeletons share one: the later keeps its place, suffixed.
            boolean taken = entityManager
                            .createQuery("SELECT count(u) FROM UserRecord u WHERE u.nicknameKey = :key", Long.class)
                            .setParameter("key", key)
                            .getSingleResult()
                    > 0;
            entityManager.persist(new UserRecord(
                    event.userId(), event.nickname(), taken ? key + "#" + event.userId() : key, event.registeredAt()));
        }
    }

    @EventHandler
    void on(RoleGranted event) {
        UserRecord user = entityManager.find(UserRecord.class, event.userId());
        if (user != null) {
            user.grant(event.role().name());
        }
    }

    @EventHandler
    void on(RoleRevoked event) {
        UserRecord user = entityManager.find(UserRecord.class, event.userId());
        if (user != null) {
            user.revoke(event.role().name());
        }
    }

    @ResetHandler
    void reset() {
        entityManager.createNativeQuery("TRUNCATE auth_users").executeUpdate();
    }
}
