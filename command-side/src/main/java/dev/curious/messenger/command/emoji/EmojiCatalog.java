package dev.curious.messenger.command.emoji;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.curious.messenger.api.emoji.DefineEmoji;
import dev.curious.messenger.api.emoji.EmojiDefined;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.command.emoji.EmojiRejections.EmojiExists;
import dev.curious.messenger.command.emoji.EmojiRejections.EmojiInvalid;
import dev.curious.messenger.command.user.UserDirectory;
import dev.curious.messenger.command.user.UserRejections.AdminRequired;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** The one catalog of emojis that reactions may use; created by the first definition. */
@Aggregate
class EmojiCatalog {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_+\\-]{0,31}");
    private static final int MAX_UNICODE_CODE_POINTS = 16;

    @AggregateIdentifier
    private String catalogId;

    private final Map<String, String> unicodeByKey = new HashMap<>();

    EmojiCatalog() {
        // For Axon: created by the first DefineEmoji, rebuilt from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DefineEmoji command, UserDirectory users, EmojiKeys keys) {
        if (command.actorId() != null && !users.hasRole(command.actorId(), Role.ADMIN)) {
            throw new AdminRequired("Only an admin may add emojis");
        }
        String key = command.emojiKey();
        if (key == null || !KEY.matcher(key).matches()) {
            throw new EmojiInvalid(
                    "An emoji key has 1 to 32 of a-z, 0-9, '_', '+', '-' and starts with a letter or digit");
        }
        String unicode = command.unicode();
        if (unicode == null
                || unicode.isBlank()
                || unicode.codePointCount(0, unicode.length()) > MAX_UNICODE_CODE_POINTS) {
            throw new EmojiInvalid("An emoji is 1 to " + MAX_UNICODE_CODE_POINTS + " code points");
        }
        String existing = unicodeByKey.get(key);
        if (existing != null) {
            // Seeding at every start finds its own emojis again; only a different definition is a conflict.
            if (command.actorId() == null && existing.equals(unicode)) {
                return;
            }
            throw new EmojiExists("The catalog has '" + key + "' already");
        }
        keys.add(key);
        apply(new EmojiDefined(key, unicode, command.actorId()));
    }

    @EventSourcingHandler
    void on(EmojiDefined event) {
        catalogId = DefineEmoji.CATALOG_ID;
        unicodeByKey.put(event.emojiKey(), event.unicode());
    }
}
