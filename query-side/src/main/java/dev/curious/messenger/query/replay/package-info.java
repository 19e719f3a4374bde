/** Rebuilding a processing group's read model from the whole history, with progress. */
package dev.curious.messenger.query.replay;
