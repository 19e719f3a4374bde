package dev.curious.messenger.gateway.audit;

import dev.curious.messenger.api.audit.AuditConversationsQuery;
import dev.curious.messenger.api.audit.AuditLogPage;
import dev.curious.messenger.api.audit.AuditLogQuery;
import dev.curious.messenger.api.audit.AuditedConversation;
import dev.curious.messenger.api.audit.AuditedConversationList;
import dev.curious.messenger.api.conversation.ConversationDetails;
import dev.curious.messenger.api.conversation.FindConversationQuery;
import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.api.message.FindMessagesQuery;
import dev.curious.messenger.api.message.LocateMessageQuery;
import dev.curious.messenger.api.message.MessageLocation;
import dev.curious.messenger.api.message.MessagePage;
import dev.curious.messenger.api.message.MessageView;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.gateway.AuditTrail;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.Rejection;
import dev.curious.messenger.gateway.RoleCheck;
import dev.curious.messenger.gateway.web.Pages;
import dev.curious.messenger.gateway.web.Routes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit API (AUDITOR or ADMIN, read-only): any conversation, its messages with deleted ones marked deleted, a
 * message's history of versions, a user's activity and the audit log. Every call is itself written to the audit log
 * as an {@code AuditQuery}.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final int MAX_SEARCH = 100;

    private final Queries queries;
    private final RoleCheck roles;
    private final AuditTrail trail;
    private final MessageHistories histories;
    private final ConversationExports exports;
    private final ConversationsAsOf states;

    AuditController(
            Queries queries,
            RoleCheck roles,
            AuditTrail trail,
            MessageHistories histories,
            ConversationExports exports,
            ConversationsAsOf states) {
        this.states = states;
        this.queries = queries;
        this.roles = roles;
        this.trail = trail;
        this.histories = histories;
        this.exports = exports;
    }

    @GetMapping("/conversations")
    List<AuditedConversation> conversations(
            @RequestParam(required = false) UUID memberId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String q,
            Caller caller,
            HttpServletRequest request) {
        audited(caller, null, request);
        if (q != null && q.length() > MAX_SEARCH) {
            throw Rejection.invalid("q", "q is at most " + MAX_SEARCH + " characters");
        }
        return queries.one(
                        new AuditConversationsQuery(
                                memberId, from, to, Pages.limit(limit, 50), q == null || q.isBlank() ? null : q),
                        AuditedConversationList.class)
                .conversations();
    }

    @GetMapping("/conversations/{id}")
    ConversationDetails conversation(@PathVariable UUID id, Caller caller, HttpServletRequest request) {
        audited(caller, id, request);
        return queries.optional(new FindConversationQuery(id, null), ConversationDetails.class)
                .orElseThrow(() -> Rejection.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + id));
    }

    /**
     * The conversation as it stood at {@code asOf} (now when absent), from its events: title, owner, members, closed,
     * the count of messages sent by then, the times of its first and last events, and the newest {@code limit}
     * messages sent by then (before sequence {@code before}, when given) as they were then.
     */
    @GetMapping("/conversations/{id}/state")
    ConversationsAsOf.AsOf state(
            @PathVariable UUID id,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Integer limit,
            Caller caller,
            HttpServletRequest request) {
        audited(caller, id, request);
        Instant at;
        try {
            at = asOf == null ? Instant.now() : Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw Rejection.invalid("asOf", "asOf is an ISO-8601 UTC time such as 2026-11-21T10:15:30.123Z");
        }
        if (before != null && before < 1) {
            throw Rejection.invalid("before", "before is a message sequence, 1 or more");
        }
        return states.asOf(id, at, before, Pages.limit(limit, 50));
    }

    @GetMapping("/conversations/{id}/messages")
    MessagePage messages(
            @PathVariable UUID id,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Integer limit,
            Caller caller,
            HttpServletRequest request) {
        audited(caller, id, request);
        return queries.optional(new FindMessagesQuery(id, null, before, Pages.limit(limit, 50)), MessagePage.class)
                .orElseThrow(() -> Rejection.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + id));
    }

    /**
     * The conversation's messages sent in {@code [from, to)}, oldest first, with sender, times, edits, deletions,
     * erasures, replies, mentions, reactions and seen marks: NDJSON (default) or CSV, streamed.
     */
    @GetMapping("/conversations/{id}/export")
    void export(
            @PathVariable UUID id,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String format,
            Caller caller,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        audited(caller, id, request);
        ConversationExports.Format chosen;
        if (format == null || format.equalsIgnoreCase("ndjson")) {
            chosen = ConversationExports.Format.NDJSON;
        } else if (format.equalsIgnoreCase("csv")) {
            chosen = ConversationExports.Format.CSV;
        } else {
            throw Rejection.invalid("format", "format is ndjson or csv");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw Rejection.invalid("to", "to comes after from");
        }
        List<MessageView> first = exports.first(id, from, to)
                .orElseThrow(() -> Rejection.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + id));
        response.setContentType(chosen.mediaType);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(
                "Content-Disposition",
                "attachment; filename=\"conversation-" + id + "."
                        + chosen.name().toLowerCase(Locale.ROOT) + "\"");
        exports.write(id, from, to, chosen, first, response.getOutputStream());
    }

    /** Every version of a message with who and when, from the events. */
    @GetMapping("/messages/{id}/history")
    MessageHistories.History history(@PathVariable UUID id, Caller caller, HttpServletRequest request) {
        MessageLocation location = queries.optional(new LocateMessageQuery(id), MessageLocation.class)
                .orElse(null);
        audited(caller, location == null ? null : location.conversationId(), request);
        if (location == null) {
            throw Rejection.notFound(ErrorCode.MESSAGE_NOT_FOUND, "No message " + id);
        }
        return histories.of(location);
    }

    @GetMapping("/users/{id}/activity")
    AuditLogPage activity(
            @PathVariable UUID id,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            Caller caller,
            HttpServletRequest request) {
        audited(caller, null, request);
        return queries.one(
                new AuditLogQuery(from, to, id, null, null, page(page), Pages.limit(size, 50)), AuditLogPage.class);
    }

    /**
     * {@code type} is the action: an event type ({@code MessageSent}), a refused command, or {@code AuditQuery};
     * {@code outcome} is {@code Stored}, {@code Denied}, {@code Rejected} or {@code Answered}.
     */
    @GetMapping("/log")
    AuditLogPage log(
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) UUID actorId,
            @RequestParam(required = false) UUID conversationId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            Caller caller,
            HttpServletRequest request) {
        audited(caller, conversationId, request);
        if (outcome != null && !AuditLogQuery.OUTCOMES.contains(outcome)) {
            throw Rejection.invalid("outcome", "outcome is one of " + String.join(", ", AuditLogQuery.OUTCOMES));
        }
        if (type != null && (type.isBlank() || type.length() > 64)) {
            throw Rejection.invalid("type", "type is an action name of 1 to 64 characters");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw Rejection.invalid("to", "to comes after from");
        }
        return queries.one(
                new AuditLogQuery(from, to, actorId, conversationId, type, page(page), Pages.limit(size, 50), outcome),
                AuditLogPage.class);
    }

    private void audited(Caller caller, UUID conversationId, HttpServletRequest request) {
        String call = request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        roles.requireAny(caller, Routes.of(request), conversationId, Role.AUDITOR, Role.ADMIN);
        trail.auditQuery(caller, conversationId, call);
    }

    private static int page(Integer page) {
        if (page != null && page < 0) {
            throw Rejection.invalid("page", "page counts from 0");
        }
        return page == null ? 0 : page;
    }
}
