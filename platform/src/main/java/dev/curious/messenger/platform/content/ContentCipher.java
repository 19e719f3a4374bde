package dev.curious.messenger.platform.content;

/**
 * Authenticated encryption under one key: what a content key seals message content with, and what the master key
 * wraps content keys with. {@code bound} is authenticated but not stored: sealed bytes open only with the same one.
 */
interface ContentCipher {

    byte[] seal(byte[] plain, byte[] bound);

    /** The plain bytes; fails when the key, the bytes or {@code bound} are not the sealing ones. */
    byte[] open(byte[] sealed, byte[] bound);

    /** AES-256-GCM, the layout every stored key and sealed content has: a 96-bit IV, the ciphertext, its tag. */
    static ContentCipher aesGcm(byte[] key) {
        return new AesGcm(key);
    }
}
