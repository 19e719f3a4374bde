package dev.curious.messenger.api.user;

/** What a user may do beyond chatting; every user has {@link #USER}. */
public enum Role {
    USER,
    AUDITOR,
    ANALYST,
    ADMIN
}
