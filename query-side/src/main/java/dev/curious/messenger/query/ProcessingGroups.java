package dev.curious.messenger.query;

import java.util.List;

/** The query side's processing groups; each has its own token and can be replayed on its own. */
public final class ProcessingGroups {

    public static final String USERS = "users";
    public static final String CONVERSATIONS = "conversations";
    public static final String AUDIT = "audit";

    /** Every group, in the order a full replay rebuilds them. */
    public static final List<String> ALL = List.of(USERS, CONVERSATIONS, AUDIT);

    private ProcessingGroups() {}
}
