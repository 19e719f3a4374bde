package dev.curious.messenger.gateway.emoji;

import dev.curious.messenger.api.emoji.DefineEmoji;
import dev.curious.messenger.api.emoji.EmojiList;
import dev.curious.messenger.api.emoji.EmojiView;
import dev.curious.messenger.api.emoji.FindEmojisQuery;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Commands;
import dev.curious.messenger.gateway.Queries;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The emojis people can react with. */
@RestController
@RequestMapping("/api/emojis")
class EmojiController {

    private final Commands commands;
    private final Queries queries;

    EmojiController(Commands commands, Queries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping
    List<EmojiView> list() {
        return queries.one(new FindEmojisQuery(), EmojiList.class).emojis();
    }

    @PostMapping
    ResponseEntity<EmojiView> define(@RequestBody EmojiView body, Caller caller) {
        commands.send(caller, new DefineEmoji(body.key(), body.unicode(), caller.userId()));
        return ResponseEntity.created(URI.create("/api/emojis")).body(body);
    }
}
