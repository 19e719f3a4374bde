/** REST and STOMP for clients (filled in by the gateway issue). */
package dev.curious.messenger.gateway;
