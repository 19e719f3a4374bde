/**
 * The conversation aggregate: membership and ownership ({@code Roster}), and as its members the messages with their
 * sequence, seen watermarks and reactions ({@code Messages}) and retention and legal hold (in {@code compliance}).
 */
package dev.curious.messenger.command.conversation;
