package io.countersign.eth;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/** EIP-191 version 0x45 ("personal_sign") message hashing. */
public final class Eip191 {
    private Eip191() {}

    /**
     * {@code keccak256("\x19Ethereum Signed Message:\n" + len(message) + message)}, 32 bytes,
     * with the length in decimal ASCII.
     */
    public static byte[] hashPersonalMessage(byte[] message) {
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(message, 0, all, prefix.length, message.length);
        return Hash.sha3(all);
    }
}
