package dev.curious.messenger.command.conversation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who a message mentions: {@code @nickname} of a member, ignoring case, where the {@code @} does not follow a letter
 * or digit (as in an e-mail address) and the name is not followed by one. Nicknames may hold {@code _ . -} and inner
 * spaces, so at each {@code @} the longest member nickname that fits wins ({@code @ada lovelace} over {@code @ada}).
 */
final class Mentions {

    private Mentions() {}

    /** Whether the content could mention anyone at all, before looking up any nickname. */
    static boolean possible(String content) {
        return content.indexOf('@') >= 0;
    }

    /** The members named in the content, in the order first named. */
    static List<UUID> in(String content, Map<UUID, String> nicknamesOfMembers) {
        String text = Normalizer.normalize(content, Normalizer.Form.NFC);
        List<Map.Entry<UUID, String>> longestFirst = new ArrayList<>();
        for (Map.Entry<UUID, String> member : nicknamesOfMembers.entrySet()) {
            longestFirst.add(Map.entry(member.getKey(), Normalizer.normalize(member.getValue(), Normalizer.Form.NFC)));
        }
        longestFirst.sort(Comparator.comparingInt(
                        (Map.Entry<UUID, String> e) -> e.getValue().length())
                .reversed());
        Set<UUID> mentioned = new LinkedHashSet<>();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (at > 0 && isWordPart(text.codePointBefore(at))) {
                continue;
            }
            for (Map.Entry<UUID, String> member : longestFirst) {
                String name = member.getValue();
                int end = at + 1 + name.length();
                if (text.regionMatches(true, at + 1, name, 0, name.length())
                        && (end == text.length() || !isWordPart(text.codePointAt(end)))) {
                    mentioned.add(member.getKey());
                    break;
                }
            }
        }
        return List.copyOf(mentioned);
    }

    private static boolean isWordPart(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '_';
    }
}
