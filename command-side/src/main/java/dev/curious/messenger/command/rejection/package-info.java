/** How a broken rule becomes a typed error code that travels across the command bus. */
package dev.curious.messenger.command.rejection;
