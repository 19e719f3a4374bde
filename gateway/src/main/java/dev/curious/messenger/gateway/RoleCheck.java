package dev.curious.messenger.gateway;

import dev.curious.messenger.api.user.FindUserQuery;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.api.user.UserView;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Lets a call through only for a user who has one of the roles now, as the read model knows it: a role revoked after
 * the token was issued no longer counts. A refusal is a 403 and a denied attempt in the audit log.
 */
@Component
public class RoleCheck {

    private final Queries queries;
    private final AuditTrail auditTrail;

    RoleCheck(Queries queries, AuditTrail auditTrail) {
        this.queries = queries;
        this.auditTrail = auditTrail;
    }

    public void requireAny(Caller caller, String action, Role... roles) {
        requireAny(caller, action, null, roles);
    }

    /** The same for a call about one conversation, which the audit log names with the denial. */
    public void requireAny(Caller caller, String action, UUID conversationId, Role... roles) {
        List<Role> current = queries.optional(new FindUserQuery(caller.userId()), UserView.class)
                .map(UserView::roles)
                .orElse(List.of());
        if (Arrays.stream(roles).noneMatch(current::contains)) {
            auditTrail.record(caller, action, conversationId, null, "ROLE_REQUIRED");
            throw Rejection.forbidden("This call needs one of the roles " + Arrays.toString(roles));
        }
    }
}
