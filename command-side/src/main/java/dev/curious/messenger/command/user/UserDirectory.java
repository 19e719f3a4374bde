package dev.curious.messenger.command.user;

import dev.curious.messenger.api.user.Role;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's own lookup of users: claimed nicknames and roles. It is written inside the unit of work that
 * stores the user's events, so a claim and its event commit or roll back together, and the unique key on the
 * nickname decides races between two registrations. It is never read from the query side.
 */
@Component
public class UserDirectory {

    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the nickname for the user; false when someone has its key already (a case or look-alike variant). */
    boolean claimNickname(UUID userId, String nickname) {
        // A concurrent claim of the same key waits here for the other transaction, then sees its outcome.
        return jdbc.sql("INSERT INTO command_user_directory (user_id, nickname, nickname_key) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(userId, nickname, Nickname.key(nickname))
                        .update()
                == 1;
    }

    /** The ids among {@code userIds} that belong to no registered user. */
    public Set<UUID> unknown(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        List<UUID> known = jdbc.sql("SELECT user_id FROM command_user_directory WHERE user_id = ANY (?)")
                .param(userIds.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
        Set<UUID> unknown = new HashSet<>(userIds);
        known.forEach(unknown::remove);
        return unknown;
    }

    /** The nicknames of those of {@code userIds} that are registered, by user id. */
    public Map<UUID, String> nicknames(Collection<UUID> userIds) {
        Map<UUID, String> nicknames = new HashMap<>();
        jdbc.sql("SELECT user_id, nickname FROM command_user_directory WHERE user_id = ANY (?)")
                .param(userIds.toArray(UUID[]::new))
                .query(rs -> {
                    nicknames.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return nicknames;
    }

    /** Whether the user holds the role; every registered user holds USER. */
    public boolean hasRole(UUID userId, Role role) {
        if (role == Role.USER) {
            return unknown(List.of(userId)).isEmpty();
        }
        return jdbc.sql("SELECT count(*) FROM command_user_roles WHERE user_id = ? AND role = ?")
                        .params(userId, role.name())
                        .query(Long.class)
                        .single()
                > 0;
    }

    long countWithRole(Role role) {
        return jdbc.sql("SELECT count(*) FROM command_user_roles WHERE role = ?")
                .param(role.name())
                .query(Long.class)
                .single();
    }

    void grant(UUID userId, Role role) {
        jdbc.sql("INSERT INTO command_user_roles (user_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(userId, role.name())
                .update();
    }

    void revoke(UUID userId, Role role) {
        jdbc.sql("DELETE FROM command_user_roles WHERE user_id = ? AND role = ?")
                .params(userId, role.name())
                .update();
    }
}
