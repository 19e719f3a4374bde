package dev.curious.messenger.gateway.live;

import dev.curious.messenger.api.conversation.MembershipChange;
import dev.curious.messenger.api.conversation.WatchMembershipsQuery;
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
    private volatile SubscriptionQueryResult<Boolean, MembershipChange> subscription;
    private volatile boolean stopped;

    Notifications(QueryGateway queries, SimpMessagingTemplate broker) {
        this.queries = queries;
        this.broker = broker;
    }

    @EventListener(ApplicationReadyEvent.class)
    void open() {
        if (stopped) {
            return;
        }
        subscription = queries.subscriptionQuery(
                new WatchMembershipsQuery(),
                ResponseTypes.instanceOf(Boolean.class),
                ResponseTypes.instanceOf(MembershipChange.class));
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

    private void notify(MembershipChange change) {
        broker.convertAndSendToUser(change.userId().toString(), QUEUE, change);
    }
}
