package dev.curious.messenger.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's limits, each overridable per deployment ({@code MESSENGER_GATEWAY_REST_PER_SECOND=50}, ...).
 *
 * @param maxBodyBytes the largest REST request body accepted (413 beyond)
 * @param maxFrameBytes the largest STOMP frame accepted (an ERROR frame beyond)
 * @param restPerSecond requests per second of one signed-in user, {@code restBurst} at once
 * @param anonymousPerSecond requests per second of one address to registration and sign-in, {@code anonymousBurst}
 *     at once
 * @param sendsPerSecond STOMP SENDs per second of one session, {@code sendsBurst} at once
 * @param commandTimeout how long a request waits for the command side and the read models
 * @param typingInterval at most one Typing frame per user and conversation in this interval
 * @param connectTimeout a WebSocket that has not sent a valid CONNECT within this is closed
 * @param heartbeat the STOMP heart-beat the server offers both ways; a client that agreed to send heart-beats and
 *     stays silent for twice the agreed interval is dropped
 * @param maxSubscriptions subscriptions one STOMP session may hold at once
 * @param sendBufferBytes what may wait in the gateway's memory for one client that does not read; beyond it the
 *     session is closed (4500, with the reason) and the client resumes with {@code since}
 * @param sendTimeLimit how long a client may leave what was sent to it unread before its session is closed the same
 *     way
 */
@ConfigurationProperties("messenger.gateway")
public record GatewayProperties(
        @DefaultValue("65536") int maxBodyBytes,
        @DefaultValue("65536") int maxFrameBytes,
        @DefaultValue("20") double restPerSecond,
        @DefaultValue("60") int restBurst,
        @DefaultValue("5") double anonymousPerSecond,
        @DefaultValue("20") int anonymousBurst,
        @DefaultValue("10") double sendsPerSecond,
        @DefaultValue("30") int sendsBurst,
        @DefaultValue("10s") Duration commandTimeout,
        @DefaultValue("2s") Duration typingInterval,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("10s") Duration heartbeat,
        @DefaultValue("100") int maxSubscriptions,
        @DefaultValue("524288") int sendBufferBytes,
        @DefaultValue("10s") Duration sendTimeLimit) {

    /** A token bucket: {@code perSecond} tokens refilled every second, at most {@code burst} saved up. */
    public record Rate(double perSecond, int burst) {}

    public Rate rest() {
        return new Rate(restPerSecond, restBurst);
    }

    public Rate anonymous() {
        return new Rate(anonymousPerSecond, anonymousBurst);
    }

    public Rate sends() {
        return new Rate(sendsPerSecond, sendsBurst);
    }
}
