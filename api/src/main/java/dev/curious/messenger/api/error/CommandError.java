package dev.curious.messenger.api.error;

/**
 * The details of a rejected command, carried in {@code CommandExecutionException#getDetails()}.
 *
 * @param code the rule that rejected the command
 * @param field the input field at fault, or {@code null} when the rejection is not about one field
 * @param message a sentence for people, never used to decide anything
 */
public record CommandError(ErrorCode code, String field, String message) {}
