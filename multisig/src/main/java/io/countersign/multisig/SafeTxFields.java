package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ten SafeTx fields as a person must see them wherever a request is shown (command line,
 * console, the text to compare with the device), in the order of the EIP-712 {@code SafeTx}
 * struct. A non-zero refund field ({@code safeTxGas}, {@code baseGas}/{@code dataGas},
 * {@code gasPrice}, {@code gasToken}, {@code refundReceiver}) is marked: with a non-zero
 * {@code gasPrice} the Safe pays a gas refund even when the call fails, and a non-zero
 * {@code safeTxGas} lets the call fail without reverting the transaction.
 */
public final class SafeTxFields {
    private SafeTxFields() {}

    /** The mark in front of a non-zero refund field in text output. */
    public static final String MARK = "!";

    /**
     * One field.
     *
     * @param name the SafeTx field name for this Safe version ({@code dataGas} in 0.1.0)
     * @param value addresses checksummed, integers in decimal, data as {@code 0x} hex with its length
     * @param highlighted true for a non-zero refund field
     */
    public record Field(String name, String value, boolean highlighted) {
        /** {@code "! gasPrice        1"} or {@code "  to             0x…"}. */
        public String text() {
            return (highlighted ? MARK : " ") + " " + String.format("%-15s ", name) + value;
        }
    }

    /** The ten fields, in SafeTx order. */
    public static List<Field> of(SafeTx tx, SafeVersion version) {
        byte[] data = tx.data();
        return List.of(
                new Field("to", tx.to().toString(), false),
                new Field("value", tx.value() + " wei", false),
                new Field("data", Hex.encode(data) + " (" + data.length + " bytes)", false),
                new Field("operation", tx.operation().code() + " (" + tx.operation().name() + ")", false),
                number("safeTxGas", tx.safeTxGas()),
                number(version.sixthFieldName(), tx.baseGas()),
                number("gasPrice", tx.gasPrice()),
                address("gasToken", tx.gasToken(), "ether"),
                address("refundReceiver", tx.refundReceiver(), "tx.origin"),
                new Field("nonce", tx.nonce().toString(), false));
    }

    /** Whether any refund field is non-zero. */
    public static boolean anyRefundField(SafeTx tx) {
        return of(tx, SafeVersion.V1_4_1).stream().anyMatch(Field::highlighted);
    }

    /** The fields as one line, {@code name=value} separated by {@code ", "}, non-zero refund fields marked with {@link #MARK}. */
    public static String oneLine(SafeTx tx, SafeVersion version) {
        return of(tx, version).stream().map(f -> (f.highlighted() ? MARK : "") + f.name() + "=" + f.value())
                .collect(Collectors.joining(", "));
    }

    private static Field number(String name, BigInteger n) {
        return new Field(name, n.toString(), n.signum() != 0);
    }

    private static Field address(String name, Address a, String zeroMeans) {
        boolean zero = a.equals(Address.ZERO);
        return new Field(name, a + (zero ? " (" + zeroMeans + ")" : ""), !zero);
    }
}
