package dev.curious.messenger.gateway.live;

import dev.curious.messenger.api.conversation.UserNotification;
import dev.curious.messenger.api.conversation.WatchNotificationsQuery;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Schedulers;

/**
 * Tells users on {@code /user/queue/notifications} that they were added to or removed from a conversation
 * ({@code {type, conversationId, title}}), from one subscription query per gateway; users without a session on
 * this gateway are skipped by the broker.
 */
@Component
class Notifications {

    static final String QUEUE = "/queue/notifications";
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final QueryGateway queries;
    private final SimpMessagingTemplate broker;
    private final Sessions sessions;
    private volatile SubscriptionQueryResult<Boolean, UserNotification> subscription;
    private volatile boolean stopped;

    Notifications(QueryGateway queries, SimpMessagingTemplate broker, Sessions sessions) {
        this.queries = queries;
        this.broker = broker;
        this.sessions = sessions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void open() {
        if (stopped) {
            return;
        }
        subscription = queries.subscriptionQuery(
                new WatchNotificationsQuery(),
                ResponseTypes.instanceOf(Boolean.class),
                ResponseTypes.instanceOf(UserNotification.class));
        subscription.updates().subscribe(this::notify, failure -> {
            log.warn("Membership updates ended ({}); subscribing again in a second", failure.toString());
            Schedulers.single().schedule(this::open, 1, TimeUnit.SECONDS);
        });
    }

    @PreDestroy
    void close() {
        stopped = true;
        if (subscription != null) {
            subscription.close();
        }
    }

    /**
     * To each of the user's sessions on this node, as its {@code /user/queue/notifications} subscription resolves
     * (Spring's {@code <queue>-user<session>}). Not {@code convertAndSendToUser}: with ordered delivery, Spring's user
     * destination handler sends one message object to every session of the user, and every session after the first
     * failed ("Expected mutable SimpMessageHeaderAccessor"), so a second tab never heard it was added.
     */
    private void notify(UserNotification change) {
        for (String session : sessions.of(change.userId())) {
            broker.convertAndSend(QUEUE + "-user" + session, change);
        }
    }
}
