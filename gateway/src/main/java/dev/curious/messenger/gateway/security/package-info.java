/** Who may call: credentials with slow hashes, signed tokens, roles, the bootstrapped admin. */
package dev.curious.messenger.gateway.security;
