package dev.curious.messenger.api.user;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Optional;

/**
 * How the contract compares nicknames: as stored (trimmed, NFC), and by a key under which names that differ only in
 * case or only look different count as one: the UTS #39 confusable skeleton of the NFKC case-folded name
 * ({@code ADMIN}, {@code admin} and {@code adrnin} share it). Names that could pass for another are refused outright:
 * invisible code points, and letters of several scripts in one name (ICU4J's {@link SpoofChecker}).
 */
public final class Nicknames {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();
    /**
     * One script per name (Latin may go with Han, Hiragana and Katakana, or with Han and Hangul, as in Japanese and
     * Korean), digits of one system, no invisible characters.
     */
    private static final SpoofChecker LOOK_ALIKES = new SpoofChecker.Builder()
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.INVISIBLE | SpoofChecker.MIXED_NUMBERS)
            .build();

    private Nicknames() {}

    /** The nickname as it is stored: NFC, surrounding spaces trimmed. */
    public static String normalize(String nickname) {
        return Normalizer.normalize(nickname.strip(), Normalizer.Form.NFC);
    }

    /** Equal for nicknames that differ only in case ("Straße" and "STRASSE") or look alike ("admin", "adrnin"). */
    public static String key(String nickname) {
        return SKELETONS.getSkeleton(NFKC_CASEFOLD.normalize(nickname));
    }

    /** Why the nickname could pass for another, or empty when it cannot. */
    public static Optional<String> lookAlikeProblem(String nickname) {
        for (int i = 0; i < nickname.length(); ) {
            int codePoint = nickname.codePointAt(i);
            if (UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
                return Optional.of(
                        String.format("A nickname may not hold invisible characters such as U+%04X", codePoint));
            }
            i += Character.charCount(codePoint);
        }
        SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
        if (LOOK_ALIKES.failsChecks(nickname, result)) {
            if ((result.checks & SpoofChecker.INVISIBLE) != 0) {
                return Optional.of("A nickname may not hold invisible or repeated combining marks");
            }
            if ((result.checks & SpoofChecker.MIXED_NUMBERS) != 0) {
                return Optional.of("A nickname may not mix digits of different scripts");
            }
            return Optional.of("A nickname may not mix letters of different scripts (such as Latin and Cyrillic)");
        }
        return Optional.empty();
    }
}
