package dev.curious.messenger.gateway.security;

import dev.curious.messenger.api.user.GrantRole;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Commands;
import dev.curious.messenger.gateway.Rejection;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure the account {@code admin} exists with the configured password ({@code MESSENGER_ADMIN_PASSWORD}) and
 * the ADMIN role, granted by the system as a stored event. Without a configured password there is no admin.
 */
@Component
class AdminBootstrap {

    static final String NICKNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final Commands commands;
    private final String password;

    AdminBootstrap(Accounts accounts, Commands commands, AdminProperties properties) {
        this.accounts = accounts;
        this.commands = commands;
        this.password = properties.password();
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureAdmin() {
        if (password.isEmpty()) {
            log.info("No admin account: set MESSENGER_ADMIN_PASSWORD to have one named '{}'", NICKNAME);
            return;
        }
        UUID admin = accounts.confirmedUser(NICKNAME).orElse(null);
        if (admin == null) {
            try {
                admin = accounts.register(NICKNAME, password, "admin-bootstrap").id();
            } catch (Rejection taken) {
                // Another gateway registered it at the same moment, or 'admin' was registered before any credentials.
                admin = accounts.confirmedUser(NICKNAME).orElseThrow(() -> taken);
            }
        } else {
            accounts.changePassword(admin, password);
        }
        // Granting a role the user has stores nothing.
        commands.send(Caller.system("admin-bootstrap"), new GrantRole(admin, Role.ADMIN, null));
        log.info("Admin account '{}' ({}) is ready", NICKNAME, admin);
    }
}
