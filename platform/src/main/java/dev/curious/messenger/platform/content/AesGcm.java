package dev.curious.messenger.platform.content;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with the JDK's provider: a fresh 96-bit IV per sealing, written before the ciphertext and its 128-bit tag.
 * This is the layout of every key and sealed content already stored (and of Tink's AES-GCM without output prefix).
 */
final class AesGcm implements ContentCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    AesGcm(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("An AES-256 key has 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A new random key for {@link #AesGcm(byte[])}. */
    static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    @Override
    public byte[] seal(byte[] plain, byte[] bound) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            if (bound != null) {
                cipher.updateAAD(bound);
            }
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal content", e);
        }
    }

    @Override
    public byte[] open(byte[] sealed, byte[] bound) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            if (bound != null) {
                cipher.updateAAD(bound);
            }
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot open sealed content (wrong master key, or the bytes were changed)", e);
        }
    }
}
