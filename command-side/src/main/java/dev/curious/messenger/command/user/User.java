package dev.curious.messenger.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.curious.messenger.api.user.EraseUserContent;
import dev.curious.messenger.api.user.GrantRole;
import dev.curious.messenger.api.user.RegisterUser;
import dev.curious.messenger.api.user.RevokeRole;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.api.user.RoleGranted;
import dev.curious.messenger.api.user.RoleRevoked;
import dev.curious.messenger.api.user.UserContentErased;
import dev.curious.messenger.api.user.UserRegistered;
import dev.curious.messenger.command.user.UserRejections.AdminRequired;
import dev.curious.messenger.command.user.UserRejections.LastAdminRole;
import dev.curious.messenger.command.user.UserRejections.NicknameTaken;
import dev.curious.messenger.command.user.UserRejections.RoleInvalid;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
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
            throw new NicknameTaken("The nickname '" + nickname + "' is taken");
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
            throw new LastAdminRole("The last admin keeps the ADMIN role");
        }
        directory.revoke(userId, command.role());
        apply(new RoleRevoked(userId, command.role(), command.actorId()));
    }

    /**
     * Destroys the user's content keys ({@link UserErasure}), in the command's transaction with the event that says
     * so: the content of every message they sent becomes unreadable, but in conversations on legal hold, until the
     * hold ends. Again later: what they sent since.
     */
    @CommandHandler
    void handle(EraseUserContent command, UserDirectory directory, UserErasure erasure, Clock clock) {
        if (!userId.equals(command.actorId())
                && (command.actorId() == null || !directory.hasRole(command.actorId(), Role.ADMIN))) {
            throw new AdminRequired("Only the user or an admin erases a user's content");
        }
        List<UUID> held = erasure.eraseUser(userId);
        apply(new UserContentErased(userId, command.actorId(), clock.instant(), held));
    }

    private static void requireAdminOrSystem(UUID actorId, UserDirectory directory) {
        if (actorId != null && !directory.hasRole(actorId, Role.ADMIN)) {
            throw new AdminRequired("Only an admin may change roles");
        }
    }

    private static void requireGrantable(Role role) {
        if (role == null || role == Role.USER) {
            throw new RoleInvalid("Grant or revoke one of AUDITOR, ANALYST, ADMIN; every user keeps USER");
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
