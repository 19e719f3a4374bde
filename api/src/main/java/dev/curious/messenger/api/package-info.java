/** The message contract shared by every module: commands, events, queries and error codes, nothing else. */
package dev.curious.messenger.api;
