package dev.curious.messenger.gateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

/** Checks an {@code Authorization: Bearer <token>} value outside HTTP requests (the STOMP CONNECT frame). */
@Component
public class BearerAuthentication {

    private static final String PREFIX = "Bearer ";

    private final JwtAuthenticationProvider provider;

    BearerAuthentication(JwtDecoder decoder, JwtAuthenticationConverter converter) {
        this.provider = new JwtAuthenticationProvider(decoder);
        this.provider.setJwtAuthenticationConverter(converter);
    }

    /** The authenticated caller; an {@link AuthenticationException} for a missing, forged or expired token. */
    public Authentication authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new InvalidBearerTokenException("CONNECT needs an Authorization: Bearer <token> header");
        }
        return provider.authenticate(new BearerTokenAuthenticationToken(
                authorization.substring(PREFIX.length()).strip()));
    }
}
