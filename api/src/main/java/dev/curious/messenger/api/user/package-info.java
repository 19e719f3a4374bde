/** Users: registration with a unique nickname, and roles. */
package dev.curious.messenger.api.user;
