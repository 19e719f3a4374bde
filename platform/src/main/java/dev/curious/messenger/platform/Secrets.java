package dev.curious.messenger.platform;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deployment's secret key (the tokens' signing key, the content master key): configured as base64, or, for a
 * single-machine run, generated once into a file only its owner may read, and read from it afterwards.
 */
public final class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    /** The fewest bytes a secret has. */
    public static final int MIN_BYTES = 32;

    private Secrets() {}

    /**
     * The configured secret ({@code base64}, when not blank), else the one in {@code file} (generated when missing),
     * else a start-up failure that names {@code variable}.
     */
    public static byte[] resolve(String base64, Path file, String what, String variable) {
        if (base64 != null && !base64.isBlank()) {
            return decode(base64, variable, what);
        }
        if (file == null) {
            throw new IllegalStateException("No " + what + ": set " + variable + " (base64 of at least " + MIN_BYTES
                    + " random bytes; every service of a deployment needs the same)");
        }
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[MIN_BYTES];
                new SecureRandom().nextBytes(secret);
                write(file, Base64.getEncoder().encodeToString(secret));
                log.info(
                        "Generated the {} in {}; set {} to use your own (every service of a deployment needs the same)",
                        what,
                        file.toAbsolutePath(),
                        variable);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString(), what);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the " + what + " in " + file, e);
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

    private static byte[] decode(String base64, String source, String what) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The " + what + " in " + source + " is not base64", e);
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException("The " + what + " in " + source + " has " + secret.length
                    + " bytes, at least " + MIN_BYTES + " are needed");
        }
        return secret;
    }
}
