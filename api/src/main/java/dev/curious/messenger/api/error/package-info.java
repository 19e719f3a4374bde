/** Typed business errors that travel across the command bus instead of exception text. */
package dev.curious.messenger.api.error;
