package dev.curious.messenger.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.curious.messenger.api.user.GrantRole;
import dev.curious.messenger.api.user.RegisterUser;
import dev.curious.messenger.api.user.RevokeRole;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.api.user.RoleGranted;
import dev.curious.messenger.api.user.RoleRevoked;
import dev.curious.messenger.api.user.UserRegistered;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A registered user and the roles granted to them beyond USER. */
@Aggregate
class User {

    @AggregateIdentifier
    private UUID userId;

    private final Set<Role> roles = EnumSet.noneOf(Role.class);

    User() {
        // For Axon: rebuilt from events.
    }

    @CommandHandler
    User(RegisterUser command, UserDirectory directory, Clock clock) {
        String nickname = Nickname.validate(command.nickname());
        if (!directory.claimNickname(command.userId(), nickname)) {
            throw new NicknameTakenException("The nickname '" + nickname + "' is taken");
        }
        apply(new UserRegistered(command.userId(), nickname, clock.instant()));
    }

    @CommandHandler
    void handle(GrantRole command, UserDirectory directory) {
        requireAdminOrSystem(command.actorId(), directory);
        requireGrantable(command.role());
        if (roles.contains(command.role())) {
            return;
        }
        directory.grant(userId, command.role());
        apply(new RoleGranted(userId, command.role(), command.actorId()));
    }

    @CommandHandler
    void handle(RevokeRole command, UserDirectory directory) {
        requireAdminOrSystem(command.actorId(), directory);
        requireGrantable(command.role());
        if (!roles.contains(command.role())) {
            return;
        }
        if (command.role() == Role.ADMIN && directory.countWithRole(Role.ADMIN) <= 1) {
            throw new LastAdminException("The last admin keeps the ADMIN role");
        }
        directory.revoke(userId, command.role());
        apply(new RoleRevoked(userId, command.role(), command.actorId()));
    }

    private static void requireAdminOrSystem(UUID actorId, UserDirectory directory) {
        if (actorId != null && !directory.hasRole(actorId, Role.ADMIN)) {
            throw new AdminRequiredException("Only an admin may change roles");
        }
    }

    private static void requireGrantable(Role role) {
        if (role == null || role == Role.USER) {
            throw new InvalidRoleException("Grant or revoke one of AUDITOR, ANALYST, ADMIN; every user keeps USER");
        }
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(RoleGranted event) {
        roles.add(event.role());
    }

    @EventSourcingHandler
    void on(RoleRevoked event) {
        roles.remove(event.role());
    }
}
