package dev.curious.messenger.gateway.web;

import dev.curious.messenger.gateway.Rejection;

/** The contract's page limit: every list answers at most {@value #MAX} items. */
public final class Pages {

    public static final int MAX = 200;

    private Pages() {}

    /** The requested page size, or the default; above {@value #MAX} it is cut to {@value #MAX}. */
    public static int limit(Integer requested, int defaultSize) {
        if (requested == null) {
            return defaultSize;
        }
        if (requested < 1) {
            throw Rejection.invalid("limit", "limit is at least 1");
        }
        return Math.min(requested, MAX);
    }
}
