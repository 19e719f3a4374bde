package dev.curious.messenger.query.user;

import dev.curious.messenger.api.user.FindUserQuery;
import dev.curious.messenger.api.user.FindUsersByNicknameQuery;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.api.user.UserList;
import dev.curious.messenger.api.user.UserSummary;
import dev.curious.messenger.api.user.UserView;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers the queries about users. */
@Component
class UserQueries {

    static final int MAX_LIMIT = 200;

    private final JdbcClient jdbc;

    UserQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    UserList handle(FindUsersByNicknameQuery query) {
        String prefix = query.prefix() == null ? "" : query.prefix().toLowerCase(Locale.ROOT);
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return new UserList(jdbc.sql(
                        "SELECT id, nickname FROM auth_users WHERE lower(nickname) LIKE ? ORDER BY lower(nickname), id"
                                + " LIMIT ?")
                .params(pattern, Math.max(1, Math.min(query.limit(), MAX_LIMIT)))
                .query((rs, row) -> new UserSummary(rs.getObject("id", UUID.class), rs.getString("nickname")))
                .list());
    }

    @QueryHandler
    Optional<UserView> handle(FindUserQuery query) {
        return jdbc.sql("SELECT id, nickname, roles FROM auth_users WHERE id = ?")
                .param(query.userId())
                .query((rs, row) -> new UserView(
                        rs.getObject("id", UUID.class), rs.getString("nickname"), roles(rs.getArray("roles"))))
                .optional();
    }

    private static List<Role> roles(Array granted) throws SQLException {
        List<Role> roles = new ArrayList<>(List.of(Role.USER));
        for (Object role : (Object[]) granted.getArray()) {
            roles.add(Role.valueOf((String) role));
        }
        return roles;
    }
}
