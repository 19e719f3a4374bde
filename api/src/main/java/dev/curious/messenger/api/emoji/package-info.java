/** The emoji catalog that reactions pick from. */
package dev.curious.messenger.api.emoji;
