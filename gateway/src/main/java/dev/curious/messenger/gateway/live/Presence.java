package dev.curious.messenger.gateway.live;

import dev.curious.messenger.api.conversation.ConversationList;
import dev.curious.messenger.api.conversation.ConversationSummary;
import dev.curious.messenger.api.conversation.FindConversationsQuery;
import dev.curious.messenger.api.conversation.PublishFrame;
import dev.curious.messenger.api.frame.PresenceChangedFrame;
import dev.curious.messenger.api.user.FindOnlineUsersQuery;
import dev.curious.messenger.api.user.OnlineUsers;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Queries;
import jakarta.annotation.PreDestroy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who is online, never stored, across every gateway node. Each node answers {@link FindOnlineUsersQuery} for its own
 * sessions; a scatter-gather over all nodes tells whether a user's session is the first (or the last) anywhere, and
 * only then goes {@code PresenceChanged} to the user's conversations, pushed through the query side like every
 * frame, so that it reaches their subscribers on all nodes. A new subscriber is told which members are online now.
 */
@Component
class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);
    private static final long NODES_TIMEOUT_MILLIS = 2_000;

    private final ConversationRelays relays;
    private final Sessions sessions;
    private final Queries queries;
    private final QueryGateway queryGateway;
    private final CommandGateway commands;
    // One thread: a user's online and offline announcements leave in the order their sessions opened and closed.
    private final ExecutorService announcer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "presence");
        thread.setDaemon(true);
        return thread;
    });

    Presence(
            ConversationRelays relays,
            Sessions sessions,
            Queries queries,
            QueryGateway queryGateway,
            CommandGateway commands) {
        this.relays = relays;
        this.sessions = sessions;
        this.queries = queries;
        this.queryGateway = queryGateway;
        this.commands = commands;
    }

    /** This node's part of the answer: the users among these with a session here. */
    @QueryHandler
    OnlineUsers handle(FindOnlineUsersQuery query) {
        return new OnlineUsers(query.userIds().stream().filter(sessions::online).toList());
    }

    /** The user's first session on this node opened: announced when no other node has one. */
    void cameOnline(Caller caller) {
        announcer.execute(() -> {
            if (nodesWith(caller.userId()) <= 1) {
                announce(caller, true);
            }
        });
    }

    /** The user's last session on this node closed: announced when no node has one left. */
    void wentOffline(Caller caller) {
        announcer.execute(() -> {
            if (nodesWith(caller.userId()) == 0) {
                announce(caller, false);
            }
        });
    }

    /** Tells one new subscription, and no one else, which members are online on any node. */
    void showOnlineMembers(String sessionId, String subscriptionId, UUID conversationId) {
        Set<UUID> online = new HashSet<>();
        List<UUID> members = List.copyOf(relays.members(conversationId));
        answers(members).forEach(online::addAll);
        for (UUID member : members) {
            if (!online.contains(member)) {
                continue;
            }
            relays.sendTo(sessionId, subscriptionId, new PresenceChangedFrame(conversationId, member, null, true));
        }
    }

    @PreDestroy
    void stop() {
        announcer.shutdownNow();
    }

    private long nodesWith(UUID userId) {
        return answers(List.of(userId)).stream()
                .filter(users -> users.contains(userId))
                .count();
    }

    private List<List<UUID>> answers(List<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return queryGateway
                .scatterGather(
                        new FindOnlineUsersQuery(userIds),
                        ResponseTypes.instanceOf(OnlineUsers.class),
                        NODES_TIMEOUT_MILLIS,
                        TimeUnit.MILLISECONDS)
                .map(OnlineUsers::userIds)
                .toList();
    }

    private void announce(Caller caller, boolean online) {
        try {
            List<ConversationSummary> conversations = queries.one(
                            new FindConversationsQuery(caller.userId(), 200), ConversationList.class)
                    .conversations();
            for (ConversationSummary conversation : conversations) {
                commands.send(new PublishFrame(
                        new PresenceChangedFrame(conversation.id(), caller.userId(), caller.nickname(), online)));
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Could not announce that {} is {}: {}",
                    caller.userId(),
                    online ? "online" : "offline",
                    e.toString());
        }
    }
}
