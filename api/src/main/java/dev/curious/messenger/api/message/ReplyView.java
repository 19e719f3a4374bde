package dev.curious.messenger.api.message;

import java.util.UUID;

/**
 * The message a reply answers, as it is now: its sender and the start of its current content ({@code excerpt}), or
 * {@code deleted} and no excerpt.
 */
public record ReplyView(UUID messageId, String senderNickname, String excerpt, boolean deleted) {

    /** The longest excerpt, in characters (code points). */
    public static final int EXCERPT = 120;

    /** The excerpt of a content: its first {@value #EXCERPT} characters, with "…" when cut. */
    public static String excerpt(String content) {
        if (content == null) {
            return null;
        }
        if (content.codePointCount(0, content.length()) <= EXCERPT) {
            return content;
        }
        return content.substring(0, content.offsetByCodePoints(0, EXCERPT)) + "…";
    }
}
