/** The gateway: what REST and STOMP share (the caller, commands and queries, rejections, rate limits). */
package dev.curious.messenger.gateway;
