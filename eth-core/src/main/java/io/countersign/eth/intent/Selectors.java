package io.countersign.eth.intent;

import io.countersign.eth.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.web3j.crypto.Hash;

/** Function selectors: the first 4 bytes of keccak-256 of the canonical signature. */
public final class Selectors {
    private Selectors() {}

    /** {@code 0x} + 8 hex digits for a signature like {@code "transfer(address,uint256)"}. */
    public static String of(String signature) {
        return Hex.encode(Arrays.copyOf(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII)), 4));
    }

    /** The selector of calldata ({@code 0x} + 8 hex digits), or {@code ""} when it is shorter than 4 bytes. */
    public static String ofCalldata(byte[] data) {
        return data.length < 4 ? "" : Hex.encode(Arrays.copyOf(data, 4));
    }
}
