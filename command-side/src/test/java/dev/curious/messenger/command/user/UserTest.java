package dev.curious.messenger.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.curious.messenger.api.user.EraseUserContent;
import dev.curious.messenger.api.user.GrantRole;
import dev.curious.messenger.api.user.RegisterUser;
import dev.curious.messenger.api.user.RevokeRole;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.api.user.RoleGranted;
import dev.curious.messenger.api.user.RoleRevoked;
import dev.curious.messenger.api.user.UserContentErased;
import dev.curious.messenger.api.user.UserRegistered;
import dev.curious.messenger.command.user.UserRejections.AdminRequired;
import dev.curious.messenger.command.user.UserRejections.LastAdminRole;
import dev.curious.messenger.command.user.UserRejections.NicknameInvalid;
import dev.curious.messenger.command.user.UserRejections.NicknameTaken;
import dev.curious.messenger.command.user.UserRejections.RoleInvalid;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");
    private static final UUID USER = UUID.randomUUID();
    private static final UUID ADMIN = UUID.randomUUID();
    private static final UUID SOMEONE = UUID.randomUUID();

    private final UserDirectory directory = mock(UserDirectory.class);
    private final UserErasure erasure = mock(UserErasure.class);
    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(erasure);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        when(directory.claimNickname(any(), anyString())).thenReturn(true);
        when(directory.hasRole(ADMIN, Role.ADMIN)).thenReturn(true);
        when(directory.countWithRole(Role.ADMIN)).thenReturn(2L);
    }

    @Test
    void aUserErasesTheirOwnContentByDestroyingTheirKeys() {
        fixture.given(new UserRegistered(USER, "ada", NOW))
                .when(new EraseUserContent(USER, USER))
                .expectEvents(new UserContentErased(USER, USER, NOW, List.of()));
        verify(erasure).eraseUser(USER);
    }

    @Test
    void anErasureNamesTheConversationsOnHoldThatKeepTheContentForNow() {
        UUID held = UUID.randomUUID();
        when(erasure.eraseUser(USER)).thenReturn(List.of(held));
        fixture.given(new UserRegistered(USER, "ada", NOW))
                .when(new EraseUserContent(USER, USER))
                .expectEvents(new UserContentErased(USER, USER, NOW, List.of(held)));
    }

    @Test
    void anAdminErasesAnyonesContent() {
        fixture.given(new UserRegistered(USER, "ada", NOW))
                .when(new EraseUserContent(USER, ADMIN))
                .expectEvents(new UserContentErased(USER, ADMIN, NOW, List.of()));
    }

    @Test
    void rejectsErasureBySomeoneElse() {
        fixture.given(new UserRegistered(USER, "ada", NOW))
                .when(new EraseUserContent(USER, SOMEONE))
                .expectException(AdminRequired.class)
                .expectNoEvents();
        verify(erasure, never()).eraseUser(any());
    }

    @Test
    void registersWithTrimmedNicknameAndNoCredential() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "  Ada Lovelace "))
                .expectEvents(new UserRegistered(USER, "Ada Lovelace", NOW));
        verify(directory).claimNickname(USER, "Ada Lovelace");
    }

    @Test
    void rejectsNicknameSomeoneHasIgnoringCase() {
        when(directory.claimNickname(USER, "ADA")).thenReturn(false);
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "ADA"))
                .expectException(NicknameTaken.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ab",
                "abcdefghijklmnopqrstuvwxyz0123456",
                "two  spaces",
                "semi;colon",
                "emoji\uD83D\uDE00",
                " ",
                "tab\there"
            })
    void rejectsNicknamesBreakingTheFormat(String nickname) {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, nickname))
                .expectException(NicknameInvalid.class)
                .expectNoEvents();
        verify(directory, never()).claimNickname(any(), eq(nickname));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"abc", "J.R.R. Tolkien", "under_score-dash", "Zoë", "名前です", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsNicknamesOfLettersDigitsPunctuationAndInnerSpaces(String nickname) {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, nickname))
                .expectEvents(new UserRegistered(USER, nickname, NOW));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u0430dmin", // Cyrillic a among Latin letters
                "b\u043Eb", // Cyrillic o
                "bob\u034F", // combining grapheme joiner
                "bob\uFE0F", // variation selector 16
                "bob\u3164", // Hangul filler
                "bo\u200Bb", // zero width space
                "bob\u00AD", // soft hyphen
                "abc12\u0663" // Arabic-Indic digit among ASCII digits
            })
    void rejectsNicknamesThatCouldPassForAnother(String nickname) {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, nickname))
                .expectException(NicknameInvalid.class)
                .expectNoEvents();
        verify(directory, never()).claimNickname(any(), anyString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0410\u043B\u0438\u0441\u0430", "\u0395\u03BB\u03AD\u03BD\u03B7", "\uD55C\uAE00 Kim"})
    void acceptsNicknamesOfOneScript(String nickname) {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, nickname))
                .expectEvents(new UserRegistered(USER, nickname, NOW));
    }

    @Test
    void nicknamesThatLookAlikeShareTheirKey() {
        assertThat(Nickname.key("admin"))
                .isEqualTo(Nickname.key("ADMIN"))
                .isEqualTo(Nickname.key("adrnin"))
                .isEqualTo(Nickname.key("\u0430dmin"));
        assertThat(Nickname.key("paypal")).isEqualTo(Nickname.key("paypa1"));
        assertThat(Nickname.key("bob")).isEqualTo(Nickname.key("b\u043Eb"));
        assertThat(Nickname.key("admin")).isNotEqualTo(Nickname.key("adman"));
    }

    @Test
    void nicknamesDifferingOnlyInCaseShareTheirKey() {
        assertThat(Nickname.key("Straße")).isEqualTo(Nickname.key("STRASSE"));
        assertThat(Nickname.key("Ada")).isEqualTo(Nickname.key("aDA"));
        assertThat(Nickname.key("Ada")).isNotEqualTo(Nickname.key("Adam"));
    }

    @Test
    void adminGrantsRole() {
        fixture.given(new UserRegistered(USER, "ada", NOW))
                .when(new GrantRole(USER, Role.AUDITOR, ADMIN))
                .expectEvents(new RoleGranted(USER, Role.AUDITOR, ADMIN));
        verify(directory).grant(USER, Role.AUDITOR);
    }

    @Test
    void systemBootstrapsTheFirstAdmin() {
        fixture.given(new UserRegistered(USER, "admin", NOW))
                .when(new GrantRole(USER, Role.ADMIN, null))
                .expectEvents(new RoleGranted(USER, Role.ADMIN, null));
    }

    @Test
    void grantingAHeldRoleStoresNothing() {
        fixture.given(new UserRegistered(USER, "ada", NOW), new RoleGranted(USER, Role.ANALYST, ADMIN))
                .when(new GrantRole(USER, Role.ANALYST, ADMIN))
                .expectNoEvents();
    }

    @Test
    void rejectsRoleChangeByNonAdmin() {
        fixture.given(new UserRegistered(USER, "ada", NOW))
                .when(new GrantRole(USER, Role.ADMIN, SOMEONE))
                .expectException(AdminRequired.class)
                .expectNoEvents();
        fixture.given(new UserRegistered(USER, "ada", NOW), new RoleGranted(USER, Role.AUDITOR, ADMIN))
                .when(new RevokeRole(USER, Role.AUDITOR, SOMEONE))
                .expectException(AdminRequired.class);
    }

    @Test
    void rejectsGrantingOrRevokingUser() {
        fixture.given(new UserRegistered(USER, "ada", NOW))
                .when(new GrantRole(USER, Role.USER, ADMIN))
                .expectException(RoleInvalid.class);
        fixture.given(new UserRegistered(USER, "ada", NOW))
                .when(new RevokeRole(USER, Role.USER, ADMIN))
                .expectException(RoleInvalid.class);
    }

    @Test
    void adminRevokesRoleAndRevokingAgainStoresNothing() {
        fixture.given(new UserRegistered(USER, "ada", NOW), new RoleGranted(USER, Role.ANALYST, ADMIN))
                .when(new RevokeRole(USER, Role.ANALYST, ADMIN))
                .expectEvents(new RoleRevoked(USER, Role.ANALYST, ADMIN));
        fixture.given(new UserRegistered(USER, "ada", NOW))
                .when(new RevokeRole(USER, Role.ANALYST, ADMIN))
                .expectNoEvents();
    }

    @Test
    void rejectsRevokingTheLastAdmin() {
        when(directory.countWithRole(Role.ADMIN)).thenReturn(1L);
        fixture.given(new UserRegistered(ADMIN, "admin", NOW), new RoleGranted(ADMIN, Role.ADMIN, null))
                .when(new RevokeRole(ADMIN, Role.ADMIN, ADMIN))
                .expectException(LastAdminRole.class);
    }
}
