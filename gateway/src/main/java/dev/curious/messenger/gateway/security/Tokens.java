package dev.curious.messenger.gateway.security;

import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.gateway.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues the signed, expiring tokens of signed-in users and reads callers back out of them. */
@Component
public class Tokens {

    static final String ISSUER = "messenger";
    static final String NICKNAME = "nickname";
    static final String ROLES = "roles";

    /** A token and the time it stops being accepted. */
    public record Issued(String token, Instant expiresAt) {}

    private final JwtEncoder encoder;
    private final Clock clock;
    private final Duration ttl;

    Tokens(JwtEncoder encoder, Clock clock, SecurityProperties properties) {
        this.encoder = encoder;
        this.clock = clock;
        this.ttl = properties.tokenTtl();
    }

    public Issued issue(UUID userId, String nickname, Collection<Role> roles) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim(NICKNAME, nickname)
                .claim(ROLES, roles.stream().map(Role::name).toList())
                .build();
        Jwt jwt = encoder.encode(
                JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims));
        return new Issued(jwt.getTokenValue(), jwt.getExpiresAt());
    }

    /** The caller a verified token stands for. */
    public static Caller caller(Jwt jwt, String correlationId) {
        Set<Role> roles = EnumSet.of(Role.USER);
        List<String> claimed = jwt.getClaimAsStringList(ROLES);
        if (claimed != null) {
            for (String role : claimed) {
                for (Role known : Role.values()) {
                    if (known.name().equals(role)) {
                        roles.add(known);
                    }
                }
            }
        }
        return new Caller(UUID.fromString(jwt.getSubject()), jwt.getClaimAsString(NICKNAME), roles, correlationId);
    }
}
