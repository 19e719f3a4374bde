package dev.curious.messenger.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.user.FindUserQuery;
import dev.curious.messenger.api.user.FindUsersByNicknameQuery;
import dev.curious.messenger.api.user.GrantRole;
import dev.curious.messenger.api.user.RegisterUser;
import dev.curious.messenger.api.user.RevokeRole;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.api.user.UserList;
import dev.curious.messenger.api.user.UserSummary;
import dev.curious.messenger.api.user.UserView;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = CommandAndQuerySides.class)
class UserReadModelTest {

    @Autowired
    Chat chat;

    @Autowired
    QueryGateway queries;

    @Test
    void findsUsersByNicknamePrefixIgnoringCase() {
        String tag = UUID.randomUUID().toString().substring(0, 5);
        for (String name : List.of("Zed" + tag + "a", "zed" + tag + "b", "Zara" + tag, "Zed_" + tag)) {
            chat.command(new RegisterUser(UUID.randomUUID(), name));
        }
        chat.awaitProjected();
        List<UserSummary> found = queries.query(
                        new FindUsersByNicknameQuery("ZED" + tag, 10), ResponseTypes.instanceOf(UserList.class))
                .join()
                .users();
        assertThat(found).extracting(UserSummary::nickname).containsExactly("Zed" + tag + "a", "zed" + tag + "b");
        assertThat(queries.query(new FindUsersByNicknameQuery("zed_", 10), ResponseTypes.instanceOf(UserList.class))
                        .join()
                        .users())
                .as("'_' is a character, not a wildcard")
                .extracting(UserSummary::nickname)
                .containsExactly("Zed_" + tag);
    }

    @Test
    void showsRolesGrantedAndRevoked() {
        UUID user = chat.register("roles");
        chat.command(new GrantRole(user, Role.AUDITOR, null));
        chat.command(new GrantRole(user, Role.ANALYST, null));
        chat.command(new RevokeRole(user, Role.AUDITOR, null));
        chat.awaitProjected();
        UserView view = queries.query(new FindUserQuery(user), ResponseTypes.optionalInstanceOf(UserView.class))
                .join()
                .orElseThrow();
        assertThat(view.roles()).containsExactly(Role.USER, Role.ANALYST);
    }
}
