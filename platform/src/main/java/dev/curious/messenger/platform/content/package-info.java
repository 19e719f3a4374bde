/** Message content sealed in the event store with a key per sender, and erased by destroying the key. */
package dev.curious.messenger.platform.content;
