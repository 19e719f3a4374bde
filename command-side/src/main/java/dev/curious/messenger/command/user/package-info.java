/** Users: registration under a nickname unique ignoring case, roles, and the directory other aggregates ask. */
package dev.curious.messenger.command.user;
