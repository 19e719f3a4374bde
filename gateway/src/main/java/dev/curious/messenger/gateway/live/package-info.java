/**
 * STOMP over WebSocket at {@code /ws}: authenticated CONNECT, member-only conversation topics fed by the query
 * side's subscription queries, SENDs turned into commands, per-session errors, notifications, presence and typing.
 */
package dev.curious.messenger.gateway.live;
