package dev.curious.messenger.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The key that signs tokens: configured, or generated once and kept in a file for a single-machine run. */
final class TokenKeys {

    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);
    static final int MIN_BYTES = 32;

    private TokenKeys() {}

    static SecretKey resolve(SecurityProperties properties) {
        if (properties.tokenSecret() != null && !properties.tokenSecret().isBlank()) {
            return key(decode(properties.tokenSecret(), "messenger.security.token-secret"));
        }
        if (properties.keyFile() != null) {
            return key(fromFile(properties.keyFile()));
        }
        throw new IllegalStateException("No key to sign tokens with: set MESSENGER_SECURITY_TOKEN_SECRET (base64 of"
                + " at least " + MIN_BYTES + " random bytes) or messenger.security.key-file");
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[MIN_BYTES];
                new SecureRandom().nextBytes(secret);
                write(file, Base64.getEncoder().encodeToString(secret));
                log.info(
                        "Generated a key to sign tokens with in {}; set MESSENGER_SECURITY_TOKEN_SECRET to use your own"
                                + " (every gateway of a deployment needs the same key)",
                        file.toAbsolutePath());
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the token key in " + file, e);
        }
    }

    private static void write(Path file, String secret) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // Another process made it first: use its key.
            return;
        }
        Files.writeString(file, secret, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static byte[] decode(String base64, String source) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The token key in " + source + " is not base64", e);
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException("The token key in " + source + " has " + secret.length + " bytes, at least "
                    + MIN_BYTES + " are needed");
        }
        return secret;
    }

    private static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, "HmacSHA256");
    }
}
