package dev.curious.messenger.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.curious.messenger.gateway.AuditTrail;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Rejection;
import dev.curious.messenger.gateway.web.Problems;
import dev.curious.messenger.gateway.web.RequestIds;
import dev.curious.messenger.gateway.web.Routes;
import javax.crypto.SecretKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Stateless bearer-token security: registration and sign-in are open, every other {@code /api} call needs a valid
 * token, and the admin calls need the ADMIN role (which the command side checks again against the stored roles).
 * The page, its scripts, the WebSocket handshake (authenticated by the STOMP CONNECT frame), health, metrics and
 * the OpenAPI page are open.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, AdminProperties.class})
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http, JwtAuthenticationConverter tokens, ObjectMapper json, AuditTrail auditTrail)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(
                    response,
                    request,
                    Rejection.unauthenticated("A valid token is required: Authorization: Bearer <token>"),
                    json);
        };
        AccessDeniedHandler denied = (request, response, failure) -> {
            if (request.getUserPrincipal() instanceof JwtAuthenticationToken token) {
                Caller caller = Tokens.caller(token.getToken(), RequestIds.of(request));
                auditTrail.record(
                        caller,
                        Routes.of(request),
                        Routes.conversationId(request).orElse(null),
                        null,
                        "ROLE_REQUIRED");
            }
            Problems.write(response, request, Rejection.forbidden("Your roles do not allow this call"), json);
        };
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers(HttpMethod.POST, "/api/users", "/api/sessions")
                                .permitAll()
                                .requestMatchers("/api/admin/**")
                                .hasRole("ADMIN")
                                .requestMatchers(HttpMethod.POST, "/api/emojis")
                                .hasRole("ADMIN")
                                .requestMatchers("/api/**")
                                .authenticated()
                                .anyRequest()
                                .permitAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(errors ->
                        errors.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .build();
    }

    @Bean
    SecretKey tokenKey(SecurityProperties properties) {
        return TokenKeys.resolve(properties);
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey tokenKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(tokenKey));
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey tokenKey) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenKey)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(Tokens.ISSUER));
        return decoder;
    }

    /** The token's {@code roles} claim become the authorities {@code ROLE_USER}, {@code ROLE_ADMIN}, ... */
    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(Tokens.ROLES);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        return new BCryptPasswordEncoder(properties.bcryptStrength());
    }
}
