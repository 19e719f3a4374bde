/** The emoji catalog: everyone reads it, an admin extends it. */
package dev.curious.messenger.gateway.emoji;
