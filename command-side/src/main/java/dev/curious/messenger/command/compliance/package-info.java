/**
 * Compliance on the command side: a conversation's retention and legal hold ({@link RetentionAndHold}, a member of the
 * conversation), what they and a user's erasure change beside their events ({@link ContentErasure}, done by
 * {@link KeyShredder}), and the job that erases what retention made due. docs/erasure.md tells the whole of it.
 */
package dev.curious.messenger.command.compliance;
