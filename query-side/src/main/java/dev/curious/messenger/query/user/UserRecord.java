package dev.curious.messenger.query.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code auth_users}. */
@Entity
@Table(name = "auth_users")
class UserRecord {

    @Id
    private UUID id;

    private String nickname;

    private String nicknameKey;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "varchar(16)[]")
    private String[] roles = new String[0];

    private Instant registeredAt;

    protected UserRecord() {}

    UserRecord(UUID id, String nickname, String nicknameKey, Instant registeredAt) {
        this.id = id;
        this.nickname = nickname;
        this.nicknameKey = nicknameKey;
        this.registeredAt = registeredAt;
    }

    void grant(String role) {
        if (Arrays.asList(roles).contains(role)) {
            return;
        }
        String[] granted = Arrays.copyOf(roles, roles.length + 1);
        granted[roles.length] = role;
        Arrays.sort(granted);
        roles = granted;
    }

    void revoke(String role) {
        roles = Arrays.stream(roles).filter(r -> !r.equals(role)).toArray(String[]::new);
    }
}
