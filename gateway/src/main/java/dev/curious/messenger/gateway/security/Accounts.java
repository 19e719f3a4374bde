package dev.curious.messenger.gateway.security;

import dev.curious.messenger.api.user.FindUserQuery;
import dev.curious.messenger.api.user.Nicknames;
import dev.curious.messenger.api.user.RegisterUser;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.api.user.UserSummary;
import dev.curious.messenger.api.user.UserView;
import dev.curious.messenger.gateway.Awaiting;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Commands;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Registration and sign-in: the password hash stays here, the user (nickname, roles) is an aggregate. */
@Service
public class Accounts {

    // How long a sign-in right after registration waits for the read model to show the user.
    private static final Duration READ_MODEL_PATIENCE = Duration.ofSeconds(2);

    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;

    /** A signed-in user and their token. */
    public record Session(String token, UUID userId, String nickname, List<Role> roles, Instant expiresAt) {}

    private final Credentials credentials;
    private final PasswordEncoder passwords;
    private final Commands commands;
    private final Queries queries;
    private final Tokens tokens;
    // Compared against when no account matches, so that a wrong nickname costs as long as a wrong password.
    private final String decoyHash;

    Accounts(Credentials credentials, PasswordEncoder passwords, Commands commands, Queries queries, Tokens tokens) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.commands = commands;
        this.queries = queries;
        this.tokens = tokens;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** Registers a user with a password; the command side decides whether the nickname is valid and free. */
    public UserSummary register(String nickname, String password, String correlationId) {
        List<Rejection.Violation> violations = new ArrayList<>();
        if (nickname == null || nickname.isBlank()) {
            violations.add(new Rejection.Violation("nickname", "A nickname is required"));
        }
        passwordViolation(password).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw Rejection.invalid(violations);
        }
        String normalized = Nicknames.normalize(nickname);
        UUID userId = UUID.randomUUID();
        credentials.addPending(userId, Nicknames.key(normalized), passwords.encode(password));
        try {
            commands.send(
                    new Caller(userId, normalized, Set.of(Role.USER), correlationId),
                    new RegisterUser(userId, nickname));
        } catch (RuntimeException refused) {
            credentials.remove(userId);
            throw refused;
        }
        credentials.confirm(userId);
        return new UserSummary(userId, normalized);
    }

    /** A token for the nickname and password; 401 for any mismatch, without saying which part was wrong. */
    public Session signIn(String nickname, String password) {
        if (nickname == null || password == null || password.length() > MAX_PASSWORD * 2) {
            throw Rejection.unauthenticated("Unknown nickname or wrong password");
        }
        String typed = Nicknames.normalize(nickname);
        String key = Nicknames.key(typed);
        for (Credentials.Entry entry : credentials.byNicknameKey(key)) {
            Optional<UserView> user = registered(entry, key, typed);
            if (user.isPresent() && passwords.matches(password, entry.passwordHash())) {
                UserView view = user.get();
                Tokens.Issued issued = tokens.issue(view.id(), view.nickname(), view.roles());
                return new Session(issued.token(), view.id(), view.nickname(), view.roles(), issued.expiresAt());
            }
        }
        passwords.matches(password, decoyHash);
        throw Rejection.unauthenticated("Unknown nickname or wrong password");
    }

    /** Sets the password of a registered user (the bootstrapped admin's, from configuration). */
    void changePassword(UUID userId, String password) {
        passwordViolation(password).ifPresent(violation -> {
            throw Rejection.invalid(List.of(violation));
        });
        credentials.changePassword(userId, passwords.encode(password));
    }

    Optional<UUID> confirmedUser(String nickname) {
        return credentials.byNicknameKey(Nicknames.key(Nicknames.normalize(nickname))).stream()
                .filter(Credentials.Entry::confirmed)
                .map(Credentials.Entry::userId)
                .findFirst();
    }

    /**
     * The user behind an entry as the read model knows them; an unconfirmed entry (its registration's outcome was
     * not recorded) counts once the user exists under this nickname.
     */
    private Optional<UserView> registered(Credentials.Entry entry, String key, String typed) {
        if (entry.confirmed()) {
            // Just registered, the read model may be a moment behind: wait for it (for the nickname as registered,
            // not as typed), but the registration was accepted, so sign in even if it has not caught up.
            Optional<UserView> user = Awaiting.visible(
                    () -> queries.optional(new FindUserQuery(entry.userId()), UserView.class), READ_MODEL_PATIENCE);
            return Optional.of(user.orElseGet(() -> new UserView(entry.userId(), typed, List.of(Role.USER))));
        }
        Optional<UserView> user = queries.optional(new FindUserQuery(entry.userId()), UserView.class);
        if (user.isPresent() && Nicknames.key(user.get().nickname()).equals(key)) {
            credentials.confirm(entry.userId());
            return user;
        }
        return Optional.empty();
    }

    private static Optional<Rejection.Violation> passwordViolation(String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            return Optional.of(new Rejection.Violation(
                    "password", "A password has " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters"));
        }
        return Optional.empty();
    }
}
