/** The frames of {@code /topic/conversations/{id}}: one record per frame type of the contract. */
package dev.curious.messenger.api.frame;
