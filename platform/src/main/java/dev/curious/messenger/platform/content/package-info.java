/**
 * Crypto-shredding: message content sealed in the event store with a key per sender, conversation and day
 * ({@code SealingSerializer}), erased by destroying the key; the keys, their cipher, their SQL and their state machine
 * (docs/erasure.md), whose transitions ({@code KeyStates}) the command side's compliance asks for.
 */
package dev.curious.messenger.platform.content;
