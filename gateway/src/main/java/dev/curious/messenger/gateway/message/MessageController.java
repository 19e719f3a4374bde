package dev.curious.messenger.gateway.message;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.api.frame.FindFramesQuery;
import dev.curious.messenger.api.frame.FramePage;
import dev.curious.messenger.api.frame.StoredFrame;
import dev.curious.messenger.api.message.FindMessagesQuery;
import dev.curious.messenger.api.message.MessageAccepted;
import dev.curious.messenger.api.message.MessagePage;
import dev.curious.messenger.api.message.SearchMessagesQuery;
import dev.curious.messenger.api.message.SearchResults;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.Rejection;
import dev.curious.messenger.gateway.web.Pages;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A conversation's messages (newest first, paged by sequence), sending, editing, deleting, seen marks, reactions and
 * full-text search.
 */
@RestController
class MessageController {

    record NewMessage(String content, String clientMessageId, UUID replyTo) {}

    record Edit(String content) {}

    record Seen(UUID messageId) {}

    /** The longest search text, in characters. */
    private static final int MAX_SEARCH = 200;

    private final Messaging messaging;
    private final Queries queries;

    MessageController(Messaging messaging, Queries queries) {
        this.messaging = messaging;
        this.queries = queries;
    }

    @GetMapping("/api/conversations/{id}/messages")
    MessagePage page(
            @PathVariable UUID id,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        if (before != null && before < 1) {
            throw Rejection.invalid("before", "before is a sequence, at least 1");
        }
        return queries.optional(
                        new FindMessagesQuery(id, caller.userId(), before, Pages.limit(limit, 50)), MessagePage.class)
                .orElseThrow(() -> Rejection.notFound(
                        ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + id + " that you are a member of"));
    }

    /** A page of the conversation's stored frames and the {@code after} of the next page. */
    record FrameList(List<StoredFrame> frames, long next) {}

    /** The frames after {@code after}, as they were pushed: for a client that missed some (members only). */
    @GetMapping("/api/conversations/{id}/frames")
    FrameList frames(
            @PathVariable UUID id,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        long from = after == null ? 0 : after;
        if (from < 0) {
            throw Rejection.invalid("after", "after is a frameSeq, 0 or more");
        }
        FramePage page = queries.optional(
                        new FindFramesQuery(id, caller.userId(), from, Pages.limit(limit, 100)), FramePage.class)
                .orElseThrow(() -> Rejection.notFound(
                        ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + id + " that you are a member of"));
        if (page.gone(from)) {
            throw Rejection.gone(
                    "Frames after " + from + " are no longer kept: re-read the conversation's messages",
                    page.oldestFrameSeq());
        }
        List<StoredFrame> frames = page.frames();
        return new FrameList(
                frames, frames.isEmpty() ? from : frames.get(frames.size() - 1).frameSeq());
    }

    @PostMapping("/api/conversations/{id}/messages")
    ResponseEntity<MessageAccepted> send(@PathVariable UUID id, @RequestBody NewMessage body, Caller caller) {
        return ResponseEntity.accepted()
                .body(messaging.send(caller, id, body.content(), body.clientMessageId(), body.replyTo()));
    }

    @PatchMapping("/api/messages/{messageId}")
    ResponseEntity<Void> edit(@PathVariable UUID messageId, @RequestBody Edit body, Caller caller) {
        messaging.edit(caller, messageId, body.content());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/messages/{messageId}")
    ResponseEntity<Void> delete(@PathVariable UUID messageId, Caller caller) {
        messaging.delete(caller, messageId);
        return ResponseEntity.noContent().build();
    }

    /**
     * Full-text search of the caller's conversations (or of one), newest first; {@code before} is the
     * {@code nextBefore} of the page before.
     */
    @GetMapping("/api/search")
    SearchResults search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) UUID conversationId,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty() || text.length() > MAX_SEARCH) {
            throw Rejection.invalid("q", "q is 1 to " + MAX_SEARCH + " characters of what to find");
        }
        if (before != null && before < 1) {
            throw Rejection.invalid("before", "before is the nextBefore of an earlier page, at least 1");
        }
        return queries.optional(
                        new SearchMessagesQuery(caller.userId(), text, conversationId, before, Pages.limit(limit, 20)),
                        SearchResults.class)
                .orElseThrow(() -> Rejection.notFound(
                        ErrorCode.CONVERSATION_NOT_FOUND,
                        "No conversation " + conversationId + " that you are a member of"));
    }

    @PostMapping("/api/conversations/{id}/seen")
    ResponseEntity<Void> seen(@PathVariable UUID id, @RequestBody Seen body, Caller caller) {
        messaging.markSeen(caller, id, body.messageId());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/messages/{messageId}/reactions/{emojiKey}")
    ResponseEntity<Void> react(@PathVariable UUID messageId, @PathVariable String emojiKey, Caller caller) {
        messaging.react(caller, messageId, emojiKey, true);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/messages/{messageId}/reactions/{emojiKey}")
    ResponseEntity<Void> unreact(@PathVariable UUID messageId, @PathVariable String emojiKey, Caller caller) {
        messaging.react(caller, messageId, emojiKey, false);
        return ResponseEntity.noContent().build();
    }
}
