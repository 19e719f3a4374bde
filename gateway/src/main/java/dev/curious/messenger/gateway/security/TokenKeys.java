package dev.curious.messenger.gateway.security;

import dev.curious.messenger.platform.Secrets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The key that signs tokens: configured, or generated once and kept in a file for a single-machine run. */
final class TokenKeys {

    private TokenKeys() {}

    static SecretKey resolve(SecurityProperties properties) {
        byte[] secret = Secrets.resolve(
                properties.tokenSecret(),
                properties.keyFile(),
                "key to sign tokens with",
                "MESSENGER_SECURITY_TOKEN_SECRET");
        return new SecretKeySpec(secret, "HmacSHA256");
    }
}
