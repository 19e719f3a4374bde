package dev.curious.messenger.gateway.live;

import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.api.frame.WatchFramesQuery;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * This gateway node's one subscription to the frames of every conversation, handed to the relays by conversation.
 * When it ends for any reason (a restarted query side, Axon Server away) it is opened again, with Reactor's back-off
 * from 250 ms to 5 s (from 250 ms again once it was open), and every relay then reads what it missed from the frame
 * log: no client has to do anything.
 */
@Component
class FrameStream {

    private static final Logger log = LoggerFactory.getLogger(FrameStream.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);
    /** Emitted each time the stream is open: the relays catch up before its first frame. */
    private static final Optional<ConversationFrame> OPENED = Optional.empty();

    private final QueryGateway queries;
    private final ConversationRelays relays;
    private final String node = UUID.randomUUID().toString();
    private volatile Disposable running;

    FrameStream(QueryGateway queries, ConversationRelays relays) {
        this.queries = queries;
        this.relays = relays;
    }

    @EventListener(ApplicationReadyEvent.class)
    void open() {
        running = Flux.using(this::subscribe, FrameStream::framesOf, SubscriptionQueryResult::close)
                .concatWith(Mono.error(() -> new IllegalStateException("completed")))
                .doOnNext(frame -> frame.ifPresentOrElse(relays::dispatch, relays::catchUpAll))
                // Reset by every element, so a stream that was open starts over at the first back-off. On a
                // scheduler that may block: opening waits for the subscription's initial result.
                .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RETRY)
                        .maxBackoff(MAX_RETRY)
                        .transientErrors(true)
                        .scheduler(Schedulers.boundedElastic())
                        .doBeforeRetry(retry -> log.warn(
                                "The frame stream ended or cannot be opened yet ({}); opening it again",
                                retry.failure().toString())))
                .subscribe();
    }

    @PreDestroy
    void close() {
        Disposable stream = running;
        if (stream != null) {
            stream.dispose();
        }
    }

    /** Opens the subscription query and waits until the query side holds it. */
    private SubscriptionQueryResult<Boolean, ConversationFrame> subscribe() {
        SubscriptionQueryResult<Boolean, ConversationFrame> opened = queries.subscriptionQuery(
                new WatchFramesQuery(node),
                ResponseTypes.instanceOf(Boolean.class),
                ResponseTypes.instanceOf(ConversationFrame.class));
        try {
            opened.initialResult().block(MAX_RETRY);
        } catch (RuntimeException failed) {
            opened.close();
            throw failed;
        }
        return opened;
    }

    private static Flux<Optional<ConversationFrame>> framesOf(
            SubscriptionQueryResult<Boolean, ConversationFrame> opened) {
        return opened.updates().map(Optional::of).startWith(OPENED);
    }
}
