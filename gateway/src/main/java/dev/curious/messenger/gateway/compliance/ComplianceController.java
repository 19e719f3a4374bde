package dev.curious.messenger.gateway.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.api.compliance.PlaceLegalHold;
import dev.curious.messenger.api.compliance.ReleaseLegalHold;
import dev.curious.messenger.api.compliance.SetRetention;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Commands;
import dev.curious.messenger.gateway.Rejection;
import dev.curious.messenger.gateway.RoleCheck;
import dev.curious.messenger.gateway.web.Routes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retention and legal hold: an admin sets how many days a conversation keeps its content; an auditor or admin puts
 * it on hold, which suspends retention and users' erasures there until released. Each is a stored event, and with
 * it a row of the audit log; the command side checks the roles again against the stored ones.
 */
@RestController
class ComplianceController {

    record Retention(JsonNode days) {}

    record Hold(String reason) {}

    private final Commands commands;
    private final RoleCheck roles;

    ComplianceController(Commands commands, RoleCheck roles) {
        this.commands = commands;
        this.roles = roles;
    }

    @PutMapping("/api/admin/conversations/{id}/retention")
    ResponseEntity<Void> retention(@PathVariable UUID id, @RequestBody Retention body, Caller caller) {
        Integer days = null;
        if (body.days() != null && !body.days().isNull()) {
            if (!body.days().isIntegralNumber() || !body.days().canConvertToInt()) {
                throw Rejection.invalid("days", "Retention is a whole number of days");
            }
            days = body.days().intValue();
        }
        commands.send(caller, new SetRetention(id, days, caller.userId()));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/audit/conversations/{id}/legal-hold")
    ResponseEntity<Void> hold(
            @PathVariable UUID id, @RequestBody Hold body, Caller caller, HttpServletRequest request) {
        roles.requireAny(caller, Routes.of(request), id, Role.AUDITOR, Role.ADMIN);
        commands.send(caller, new PlaceLegalHold(id, body.reason(), caller.userId()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/audit/conversations/{id}/legal-hold")
    ResponseEntity<Void> release(@PathVariable UUID id, Caller caller, HttpServletRequest request) {
        roles.requireAny(caller, Routes.of(request), id, Role.AUDITOR, Role.ADMIN);
        commands.send(caller, new ReleaseLegalHold(id, caller.userId()));
        return ResponseEntity.noContent().build();
    }
}
