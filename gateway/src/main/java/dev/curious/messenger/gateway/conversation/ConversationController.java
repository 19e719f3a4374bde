package dev.curious.messenger.gateway.conversation;

import dev.curious.messenger.api.conversation.AddMember;
import dev.curious.messenger.api.conversation.CloseConversation;
import dev.curious.messenger.api.conversation.ConversationDetails;
import dev.curious.messenger.api.conversation.ConversationList;
import dev.curious.messenger.api.conversation.ConversationSummary;
import dev.curious.messenger.api.conversation.FindConversationQuery;
import dev.curious.messenger.api.conversation.FindConversationsQuery;
import dev.curious.messenger.api.conversation.RemoveMember;
import dev.curious.messenger.api.conversation.RenameConversation;
import dev.curious.messenger.api.conversation.StartConversation;
import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.gateway.Awaiting;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Commands;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.Rejection;
import dev.curious.messenger.gateway.web.Pages;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The conversations of the caller; other people's conversations are not there (404). */
@RestController
@RequestMapping("/api/conversations")
class ConversationController {

    record NewConversation(String title, List<UUID> memberIds) {}

    record Rename(String title) {}

    record NewMember(UUID userId) {}

    private final Commands commands;
    private final Queries queries;

    ConversationController(Commands commands, Queries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** Answers with the conversation as the read model shows it, which is a few milliseconds behind the command. */
    @PostMapping
    ResponseEntity<ConversationDetails> start(@RequestBody NewConversation body, Caller caller) {
        UUID id = UUID.randomUUID();
        commands.send(
                caller,
                new StartConversation(
                        id, body.title(), body.memberIds() == null ? List.of() : body.memberIds(), caller.userId()));
        ConversationDetails details = Awaiting.visible(() -> details(id, caller), Duration.ofSeconds(5))
                .orElseThrow(() -> Rejection.unavailable(
                        "The conversation " + id + " was started but cannot be read yet; retry GET"));
        return ResponseEntity.created(URI.create("/api/conversations/" + id)).body(details);
    }

    @GetMapping
    List<ConversationSummary> list(@RequestParam(required = false) Integer limit, Caller caller) {
        return queries.one(new FindConversationsQuery(caller.userId(), Pages.limit(limit, 50)), ConversationList.class)
                .conversations();
    }

    @GetMapping("/{id}")
    ConversationDetails get(@PathVariable UUID id, Caller caller) {
        return details(id, caller)
                .orElseThrow(() -> Rejection.notFound(
                        ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + id + " that you are a member of"));
    }

    @PatchMapping("/{id}")
    ResponseEntity<Void> rename(@PathVariable UUID id, @RequestBody Rename body, Caller caller) {
        commands.send(caller, new RenameConversation(id, body.title(), caller.userId()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/members")
    ResponseEntity<Void> addMember(@PathVariable UUID id, @RequestBody NewMember body, Caller caller) {
        if (body.userId() == null) {
            throw Rejection.invalid("userId", "userId is required");
        }
        commands.send(caller, new AddMember(id, body.userId(), caller.userId()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/members/{userId}")
    ResponseEntity<Void> removeMember(@PathVariable UUID id, @PathVariable UUID userId, Caller caller) {
        commands.send(caller, new RemoveMember(id, userId, caller.userId()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/close")
    ResponseEntity<Void> close(@PathVariable UUID id, Caller caller) {
        commands.send(caller, new CloseConversation(id, caller.userId()));
        return ResponseEntity.noContent().build();
    }

    private Optional<ConversationDetails> details(UUID id, Caller caller) {
        return queries.optional(new FindConversationQuery(id, caller.userId()), ConversationDetails.class);
    }
}
