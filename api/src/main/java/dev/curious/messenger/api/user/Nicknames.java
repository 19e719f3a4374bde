package dev.curious.messenger.api.user;

import java.text.Normalizer;
import java.util.Locale;

/** How the contract compares nicknames: as stored (trimmed, NFC) and ignoring case. */
public final class Nicknames {

    private Nicknames() {}

    /** The nickname as it is stored: NFC, surrounding spaces trimmed. */
    public static String normalize(String nickname) {
        return Normalizer.normalize(nickname.strip(), Normalizer.Form.NFC);
    }

    /** Equal for nicknames that differ only in case ("Straße" and "STRASSE" too). */
    public static String key(String nickname) {
        return Normalizer.normalize(nickname, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT)
                .toLowerCase(Locale.ROOT);
    }
}
