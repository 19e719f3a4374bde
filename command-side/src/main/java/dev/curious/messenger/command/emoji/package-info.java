/** The emoji catalog: seeded keys, admin-defined ones, and the lookup reactions are checked against. */
package dev.curious.messenger.command.emoji;
