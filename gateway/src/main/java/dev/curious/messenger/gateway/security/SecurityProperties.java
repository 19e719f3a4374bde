package dev.curious.messenger.gateway.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are signed and passwords hashed.
 *
 * @param tokenSecret the HMAC key of the tokens, base64, at least 32 bytes ({@code MESSENGER_SECURITY_TOKEN_SECRET});
 *     every gateway of a deployment needs the same
 * @param keyFile where a gateway without {@code tokenSecret} keeps a key it generated itself (the standalone run)
 * @param tokenTtl how long a token is valid
 * @param bcryptStrength the log2 of bcrypt's rounds
 */
@ConfigurationProperties("messenger.security")
record SecurityProperties(
        String tokenSecret,
        Path keyFile,
        @DefaultValue("12h") Duration tokenTtl,
        @DefaultValue("10") int bcryptStrength) {}
