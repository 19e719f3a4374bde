package dev.curious.messenger.query.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long stored frames are kept for clients that resume with {@code since}.
 *
 * @param retention frames older than this are swept; the contract promises at least 7 days, so less is refused at
 *     start rather than quietly raised
 */
@ConfigurationProperties("messenger.frames")
record FrameProperties(@DefaultValue("7d") Duration retention) {

    static final Duration PROMISED = Duration.ofDays(7);

    FrameProperties {
        if (retention.compareTo(PROMISED) < 0) {
            throw new IllegalArgumentException(
                    "messenger.frames.retention must be at least 7d (the contract keeps frames 7 days), was "
                            + retention);
        }
    }
}
