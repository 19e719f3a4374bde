package dev.curious.messenger.command.emoji;

import dev.curious.messenger.api.emoji.DefineEmoji;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Makes sure the catalog holds the contract's emojis; defining them again at a later start stores nothing. */
@Component
class EmojiCatalogSeeder implements ApplicationRunner {

    static final Map<String, String> DEFAULTS = defaults();

    private final CommandGateway commands;

    EmojiCatalogSeeder(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public void run(ApplicationArguments args) {
        DEFAULTS.forEach((key, unicode) -> commands.sendAndWait(new DefineEmoji(key, unicode, null)));
    }

    private static Map<String, String> defaults() {
        Map<String, String> emojis = new LinkedHashMap<>();
        emojis.put("thumbs_up", "\uD83D\uDC4D");
        emojis.put("heart", "\u2764\uFE0F");
        emojis.put("joy", "\uD83D\uDE02");
        emojis.put("tada", "\uD83C\uDF89");
        emojis.put("eyes", "\uD83D\uDC40");
        emojis.put("fire", "\uD83D\uDD25");
        emojis.put("pray", "\uD83D\uDE4F");
        emojis.put("rocket", "\uD83D\uDE80");
        return Collections.unmodifiableMap(emojis);
    }
}
