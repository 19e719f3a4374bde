/**
 * Infrastructure every service shares; it holds no domain rule. Who may erase, retention and legal holds are the
 * command side's ({@code command.compliance}); which nicknames count as one is the contract's ({@code
 * api.user.Nicknames}). What {@code content} keeps is mechanism every reader must agree on: the content keys and
 * their states, which those rules drive (docs/erasure.md).
 */
package dev.curious.messenger.platform;
