package dev.curious.messenger.gateway.security;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The gateway's table of password hashes, by user and by nickname key. */
@Repository
class Credentials {

    /** One user's stored hash; {@code confirmed} once the user is known to be registered. */
    record Entry(UUID userId, String passwordHash, boolean confirmed) {}

    private final JdbcClient jdbc;

    Credentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void addPending(UUID userId, String nicknameKey, String passwordHash) {
        jdbc.sql("INSERT INTO gateway_credentials (user_id, nickname_key, password_hash) VALUES (?, ?, ?)")
                .params(userId, nicknameKey, passwordHash)
                .update();
    }

    void confirm(UUID userId) {
        jdbc.sql("UPDATE gateway_credentials SET confirmed = TRUE WHERE user_id = ?")
                .param(userId)
                .update();
    }

    void remove(UUID userId) {
        jdbc.sql("DELETE FROM gateway_credentials WHERE user_id = ?")
                .param(userId)
                .update();
    }

    void changePassword(UUID userId, String passwordHash) {
        jdbc.sql("UPDATE gateway_credentials SET password_hash = ? WHERE user_id = ?")
                .params(passwordHash, userId)
                .update();
    }

    /** The entries under a nickname key, the confirmed one first. */
    List<Entry> byNicknameKey(String nicknameKey) {
        return jdbc.sql("SELECT user_id, password_hash, confirmed FROM gateway_credentials WHERE nickname_key = ?"
                        + " ORDER BY confirmed DESC, created_at")
                .param(nicknameKey)
                .query((rs, row) -> new Entry(
                        rs.getObject("user_id", UUID.class), rs.getString("password_hash"), rs.getBoolean("confirmed")))
                .list();
    }
}
