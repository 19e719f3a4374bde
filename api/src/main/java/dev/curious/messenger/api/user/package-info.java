/** Users: registration with a unique nickname (unique as {@code Nicknames} compares them), and roles. */
package dev.curious.messenger.api.user;
