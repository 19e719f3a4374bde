/**
 * The migration that recomputes stored nickname keys when the contract's rule for them ({@code api.user.Nicknames})
 * changes; each module that stores such keys runs it on its own tables.
 */
package dev.curious.messenger.platform.text;
