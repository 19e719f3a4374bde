package dev.curious.messenger.gateway.user;

import dev.curious.messenger.api.user.EraseUserContent;
import dev.curious.messenger.api.user.FindUserQuery;
import dev.curious.messenger.api.user.FindUsersByNicknameQuery;
import dev.curious.messenger.api.user.GrantRole;
import dev.curious.messenger.api.user.RevokeRole;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.api.user.UserList;
import dev.curious.messenger.api.user.UserSummary;
import dev.curious.messenger.api.user.UserView;
import dev.curious.messenger.gateway.Awaiting;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Commands;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.Rejection;
import dev.curious.messenger.gateway.security.Accounts;
import dev.curious.messenger.gateway.web.Pages;
import dev.curious.messenger.gateway.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Users and sessions of the contract, and the admin's role grants and revocations. */
@RestController
@RequestMapping("/api")
class UserController {

    record Credentials(String nickname, String password) {}

    record RoleChange(String role) {}

    private final Accounts accounts;
    private final Commands commands;
    private final Queries queries;

    UserController(Accounts accounts, Commands commands, Queries queries) {
        this.accounts = accounts;
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping("/users")
    ResponseEntity<UserSummary> register(@RequestBody Credentials body, HttpServletRequest request) {
        UserSummary user = accounts.register(body.nickname(), body.password(), RequestIds.of(request));
        return ResponseEntity.created(URI.create("/api/users/" + user.id())).body(user);
    }

    @PostMapping("/sessions")
    Accounts.Session signIn(@RequestBody Credentials body) {
        return accounts.signIn(body.nickname(), body.password());
    }

    /** The caller with their current roles (a fresh sign-in puts new roles into the token). */
    @GetMapping("/users/me")
    UserView me(Caller caller) {
        return Awaiting.visible(
                        () -> queries.optional(new FindUserQuery(caller.userId()), UserView.class),
                        Duration.ofSeconds(2))
                .orElseGet(() -> new UserView(caller.userId(), caller.nickname(), List.copyOf(caller.roles())));
    }

    @GetMapping("/users")
    List<UserSummary> find(
            @RequestParam(name = "nickname", required = false) String prefix,
            @RequestParam(required = false) Integer limit) {
        if (prefix == null || prefix.isBlank()) {
            throw Rejection.invalid("nickname", "Give the start of a nickname: ?nickname=ad");
        }
        if (prefix.length() > 32) {
            throw Rejection.invalid("nickname", "A nickname has at most 32 characters");
        }
        return queries.one(new FindUsersByNicknameQuery(prefix.strip(), Pages.limit(limit, 20)), UserList.class)
                .users();
    }

    @PostMapping("/admin/users/{id}/roles")
    ResponseEntity<Void> grant(@PathVariable UUID id, @RequestBody RoleChange body, Caller caller) {
        commands.send(caller, new GrantRole(id, role(body.role()), caller.userId()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/admin/users/{id}/roles/{role}")
    ResponseEntity<Void> revoke(@PathVariable UUID id, @PathVariable String role, Caller caller) {
        commands.send(caller, new RevokeRole(id, role(role), caller.userId()));
        return ResponseEntity.noContent().build();
    }

    /**
     * Erases the content of every message the user sent (the user, or an admin): their keys are destroyed, and every
     * read model, frame, replay and export shows the messages in place with {@code content: null, erased: true}.
     */
    @DeleteMapping("/users/{id}/content")
    ResponseEntity<Void> erase(@PathVariable UUID id, Caller caller) {
        commands.send(caller, new EraseUserContent(id, caller.userId()));
        return ResponseEntity.noContent().build();
    }

    private static Role role(String name) {
        if (name != null) {
            for (Role role : Role.values()) {
                if (role.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw Rejection.invalid("role", "A role is one of AUDITOR, ANALYST, ADMIN");
    }
}
