package dev.curious.messenger.command.user;

import dev.curious.messenger.api.user.Nicknames;
import dev.curious.messenger.command.user.UserRejections.NicknameInvalid;
import java.util.regex.Pattern;

/**
 * The nickname rules of the contract, and the key under which two nicknames count as the same ({@link Nicknames}):
 * one that could pass for another is refused (invisible characters, mixed scripts), one whose key is taken is too.
 */
final class Nickname {

    private static final Pattern WORDS = Pattern.compile(
            "[\\p{L}\\p{Nd}_.\\-][\\p{L}\\p{M}\\p{Nd}_.\\-]*( [\\p{L}\\p{Nd}_.\\-][\\p{L}\\p{M}\\p{Nd}_.\\-]*)*");
    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 32;

    private Nickname() {}

    /** The nickname as it will be stored: NFC, surrounding spaces trimmed; rejected when it breaks a rule. */
    static String validate(String nickname) {
        if (nickname == null || nickname.isBlank()) {
            throw new NicknameInvalid("A nickname is required");
        }
        String normalized = Nicknames.normalize(nickname);
        int length = normalized.codePointCount(0, normalized.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new NicknameInvalid(
                    "A nickname has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters, not " + length);
        }
        Nicknames.lookAlikeProblem(normalized).ifPresent(problem -> {
            throw new NicknameInvalid(problem);
        });
        if (!WORDS.matcher(normalized).matches()) {
            throw new NicknameInvalid("A nickname holds letters, digits, '_', '.', '-' and single spaces between them");
        }
        return normalized;
    }

    /** Equal for nicknames that differ only in case ("Straße" and "STRASSE") or look alike ("admin", "adrnin"). */
    static String key(String nickname) {
        return Nicknames.key(nickname);
    }
}
