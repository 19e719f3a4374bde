package dev.curious.messenger.gateway.live;

import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.api.frame.WatchFramesQuery;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Schedulers;

/**
 * This gateway node's one subscription to the frames of every conversation, handed to the relays by conversation.
 * When it ends for any reason (a restarted query side, Axon Server away) it is opened again, with back-off from
 * 250 ms to 5 s, and every relay then reads what it missed from the frame log: no client has to do anything.
 */
@Component
class FrameStream {

    private static final Logger log = LoggerFactory.getLogger(FrameStream.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private final QueryGateway queries;
    private final ConversationRelays relays;
    private final String node = UUID.randomUUID().toString();
    private volatile SubscriptionQueryResult<Boolean, ConversationFrame> stream;
    private volatile boolean stopped;
    private Duration retry = FIRST_RETRY;

    FrameStream(QueryGateway queries, ConversationRelays relays) {
        this.queries = queries;
        this.relays = relays;
    }

    @EventListener(ApplicationReadyEvent.class)
    void open() {
        if (stopped) {
            return;
        }
        SubscriptionQueryResult<Boolean, ConversationFrame> opened;
        try {
            opened = queries.subscriptionQuery(
                    new WatchFramesQuery(node),
                    ResponseTypes.instanceOf(Boolean.class),
                    ResponseTypes.instanceOf(ConversationFrame.class));
            opened.initialResult().block(MAX_RETRY);
        } catch (RuntimeException failed) {
            log.warn(
                    "The frame stream cannot be opened yet ({}); retrying in {} ms",
                    failed.toString(),
                    retry.toMillis());
            again();
            return;
        }
        stream = opened;
        retry = FIRST_RETRY;
        relays.catchUpAll();
        opened.updates()
                .subscribe(
                        relays::dispatch,
                        failure -> ended(opened, failure.toString()),
                        () -> ended(opened, "completed"));
    }

    @PreDestroy
    void close() {
        stopped = true;
        SubscriptionQueryResult<Boolean, ConversationFrame> open = stream;
        if (open != null) {
            open.close();
        }
    }

    private void ended(SubscriptionQueryResult<Boolean, ConversationFrame> ended, String why) {
        if (stopped || ended != stream) {
            return;
        }
        log.warn("The frame stream ended ({}); opening it again", why);
        again();
    }

    private void again() {
        Duration wait = retry;
        retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        Schedulers.boundedElastic().schedule(this::open, wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
