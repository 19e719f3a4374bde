package dev.curious.messenger.command.emoji;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.curious.messenger.api.emoji.DefineEmoji;
import dev.curious.messenger.api.emoji.EmojiDefined;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.command.emoji.EmojiRejections.EmojiExists;
import dev.curious.messenger.command.emoji.EmojiRejections.EmojiInvalid;
import dev.curious.messenger.command.user.UserDirectory;
import dev.curious.messenger.command.user.UserRejections.AdminRequired;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmojiCatalogTest {

    private static final UUID ADMIN = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();

    private final UserDirectory users = mock(UserDirectory.class);
    private final EmojiKeys keys = mock(EmojiKeys.class);
    private FixtureConfiguration<EmojiCatalog> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EmojiCatalog.class);
        fixture.registerInjectableResource(users);
        fixture.registerInjectableResource(keys);
        when(users.hasRole(ADMIN, Role.ADMIN)).thenReturn(true);
    }

    @Test
    void seedingCreatesTheCatalog() {
        fixture.givenNoPriorActivity()
                .when(new DefineEmoji("thumbs_up", "\uD83D\uDC4D", null))
                .expectEvents(new EmojiDefined("thumbs_up", "\uD83D\uDC4D", null));
        verify(keys).add("thumbs_up");
    }

    @Test
    void seedingAgainStoresNothing() {
        fixture.given(new EmojiDefined("heart", "\u2764\uFE0F", null))
                .when(new DefineEmoji("heart", "\u2764\uFE0F", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void adminExtendsTheCatalog() {
        fixture.given(new EmojiDefined("heart", "\u2764\uFE0F", null))
                .when(new DefineEmoji("party_parrot", "\uD83E\uDD9C", ADMIN))
                .expectEvents(new EmojiDefined("party_parrot", "\uD83E\uDD9C", ADMIN));
    }

    @Test
    void rejectsDefinitionByNonAdmin() {
        fixture.given(new EmojiDefined("heart", "\u2764\uFE0F", null))
                .when(new DefineEmoji("party_parrot", "\uD83E\uDD9C", USER))
                .expectException(AdminRequired.class)
                .expectNoEvents();
    }

    @Test
    void rejectsKeyTheCatalogHas() {
        fixture.given(new EmojiDefined("heart", "\u2764\uFE0F", null))
                .when(new DefineEmoji("heart", "\uD83D\uDC9C", ADMIN))
                .expectException(EmojiExists.class);
    }

    @Test
    void rejectsMalformedKeysAndUnicode() {
        fixture.given(new EmojiDefined("heart", "\u2764\uFE0F", null))
                .when(new DefineEmoji("Bad Key", "\uD83D\uDC9C", ADMIN))
                .expectException(EmojiInvalid.class);
        fixture.given(new EmojiDefined("heart", "\u2764\uFE0F", null))
                .when(new DefineEmoji("blank", "  ", ADMIN))
                .expectException(EmojiInvalid.class);
        fixture.given(new EmojiDefined("heart", "\u2764\uFE0F", null))
                .when(new DefineEmoji("long", "x".repeat(17), ADMIN))
                .expectException(EmojiInvalid.class);
    }
}
