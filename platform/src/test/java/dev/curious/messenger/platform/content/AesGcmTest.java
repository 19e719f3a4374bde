package dev.curious.messenger.platform.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The cipher opens what is stored already: a 96-bit IV, then the ciphertext with its 128-bit tag. */
class AesGcmTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BOUND = "3f2504e0-4f89-11d3-9a0c-0305e82c3301".getBytes(StandardCharsets.US_ASCII);

    /** Sealed as the content keys sealed before the cipher had an interface, with the JDK's Cipher directly. */
    private static byte[] storedLayout(byte[] plain, byte[] bound) throws Exception {
        byte[] iv = "twelve bytes".getBytes(StandardCharsets.US_ASCII);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, iv));
        if (bound != null) {
            cipher.updateAAD(bound);
        }
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return out;
    }

    @Test
    void opensContentAndWrappedKeysStoredBeforeIt() throws Exception {
        ContentCipher cipher = ContentCipher.aesGcm(KEY);
        byte[] plain = "Lunch at noon?".getBytes(StandardCharsets.UTF_8);
        assertThat(cipher.open(storedLayout(plain, BOUND), BOUND)).isEqualTo(plain);
        assertThat(cipher.open(storedLayout(KEY, null), null))
                .as("a wrapped key")
                .isEqualTo(KEY);
    }

    @Test
    void sealsWithAFreshIvAndOpensOnlyWithTheSameKeyAndBinding() {
        ContentCipher cipher = ContentCipher.aesGcm(KEY);
        byte[] plain = "Lunch at noon?".getBytes(StandardCharsets.UTF_8);
        byte[] once = cipher.seal(plain, BOUND);
        byte[] twice = cipher.seal(plain, BOUND);
        assertThat(once).hasSize(12 + plain.length + 16).isNotEqualTo(twice);
        assertThat(cipher.open(twice, BOUND)).isEqualTo(plain);
        assertThatThrownBy(() -> cipher.open(once, "another message".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ContentCipher.aesGcm(AesGcm.newKey()).open(once, BOUND))
                .isInstanceOf(IllegalStateException.class);
    }
}
