package io.countersign.eth.simulation;

import io.countersign.eth.Address;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Reads the events a simulation reports into {@link Transfer}s, {@link TokenApproval}s and
 * {@link SafeConfigChange}s. Every log is attacker-written (any contract can emit any event):
 * a log whose shape does not match its standard's (topic count, data length) is not read as
 * that standard's event but reported in a note by the caller.
 *
 * <p>Standards: ERC-20 {@code Transfer}/{@code Approval} (3 topics, 32 bytes of data); ERC-721
 * {@code Transfer}/{@code Approval} (4 topics, no data) and {@code ApprovalForAll}; ERC-1155
 * {@code TransferSingle} and {@code TransferBatch}; ether movements that {@code eth_simulateV1}
 * reports as ERC-20 {@code Transfer} logs of the ERC-7528 address
 * {@code 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE} ({@code traceTransfers}).
 */
public final class Events {
    private Events() {}

    public static final byte[] TRANSFER = topic("Transfer(address,address,uint256)");
    public static final byte[] APPROVAL = topic("Approval(address,address,uint256)");
    public static final byte[] APPROVAL_FOR_ALL = topic("ApprovalForAll(address,address,bool)");
    public static final byte[] TRANSFER_SINGLE = topic("TransferSingle(address,address,address,uint256,uint256)");
    public static final byte[] TRANSFER_BATCH = topic("TransferBatch(address,address,address,uint256[],uint256[])");
    /** Safe 1.0.0+: {@code ExecutionSuccess(bytes32 txHash, uint256 payment)} (txHash indexed since 1.3.0). */
    public static final byte[] EXECUTION_SUCCESS = topic("ExecutionSuccess(bytes32,uint256)");
    /** Safe 1.0.0+: {@code ExecutionFailure(bytes32 txHash, uint256 payment)}. */
    public static final byte[] EXECUTION_FAILURE = topic("ExecutionFailure(bytes32,uint256)");
    /** ERC-7528: the address that stands for ether where a token address is expected. */
    public static final Address NATIVE_PSEUDO_TOKEN = Address.parse("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE");

    /** One event log. */
    public record Log(Address address, List<byte[]> topics, byte[] data) {
        public Log {
            topics = List.copyOf(topics);
        }

        /** Whether topic 0 is {@code signature}. */
        public boolean is(byte[] signature) {
            return !topics.isEmpty() && Arrays.equals(topics.getFirst(), signature);
        }
    }

    /** keccak256 of an event signature. */
    public static byte[] topic(String signature) {
        return Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The transfers a log reports: one for ERC-20, ERC-721, ERC-1155 single and the ERC-7528
     * ether pseudo-log, one per id for an ERC-1155 batch, none for anything else.
     */
    public static List<Transfer> transfers(Log log) {
        List<byte[]> t = log.topics();
        byte[] d = log.data();
        if (log.is(TRANSFER) && t.size() == 3 && d.length == 32) {
            Address from = topicAddress(t.get(1));
            Address to = topicAddress(t.get(2));
            if (log.address().equals(NATIVE_PSEUDO_TOKEN)) {
                return List.of(Transfer.nativeTransfer(from, to, word(d, 0)));
            }
            return List.of(new Transfer(Transfer.Standard.ERC20, Optional.of(log.address()), from, to, word(d, 0),
                    Optional.empty()));
        }
        if (log.is(TRANSFER) && t.size() == 4 && d.length == 0) {
            return List.of(new Transfer(Transfer.Standard.ERC721, Optional.of(log.address()), topicAddress(t.get(1)),
                    topicAddress(t.get(2)), BigInteger.ONE, Optional.of(new BigInteger(1, t.get(3)))));
        }
        if (log.is(TRANSFER_SINGLE) && t.size() == 4 && d.length == 64) {
            return List.of(new Transfer(Transfer.Standard.ERC1155, Optional.of(log.address()), topicAddress(t.get(2)),
                    topicAddress(t.get(3)), word(d, 1), Optional.of(word(d, 0))));
        }
        if (log.is(TRANSFER_BATCH) && t.size() == 4) {
            List<BigInteger> ids = uintArray(d, 0);
            List<BigInteger> values = uintArray(d, 1);
            if (ids == null || values == null || ids.size() != values.size()) {
                return List.of();
            }
            java.util.ArrayList<Transfer> out = new java.util.ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                out.add(new Transfer(Transfer.Standard.ERC1155, Optional.of(log.address()), topicAddress(t.get(2)),
                        topicAddress(t.get(3)), values.get(i), Optional.of(ids.get(i))));
            }
            return out;
        }
        return List.of();
    }

    /** The approval a log reports, if it is one. */
    public static Optional<TokenApproval> approval(Log log) {
        List<byte[]> t = log.topics();
        byte[] d = log.data();
        if (log.is(APPROVAL) && t.size() == 3 && d.length == 32) {
            return Optional.of(new TokenApproval(TokenApproval.Kind.ERC20, log.address(), topicAddress(t.get(1)),
                    topicAddress(t.get(2)), word(d, 0)));
        }
        if (log.is(APPROVAL) && t.size() == 4 && d.length == 0) {
            return Optional.of(new TokenApproval(TokenApproval.Kind.ERC721, log.address(), topicAddress(t.get(1)),
                    topicAddress(t.get(2)), new BigInteger(1, t.get(3))));
        }
        if (log.is(APPROVAL_FOR_ALL) && t.size() == 3 && d.length == 32) {
            return Optional.of(new TokenApproval(TokenApproval.Kind.FOR_ALL, log.address(), topicAddress(t.get(1)),
                    topicAddress(t.get(2)), word(d, 0).signum() == 0 ? BigInteger.ZERO : BigInteger.ONE));
        }
        return Optional.empty();
    }

    /**
     * The Safe configuration change a log of the Safe itself reports (the address argument is
     * indexed in Safe 1.4.1 and in the data before), if it is one.
     */
    public static Optional<SafeConfigChange> safeChange(Log log, Address safe) {
        if (!log.address().equals(safe) || log.topics().isEmpty()) {
            return Optional.empty();
        }
        for (SafeConfigChange.Kind k : SafeConfigChange.Kind.values()) {
            if (log.is(topic(k.event()))) {
                Optional<BigInteger> arg = log.topics().size() == 2 ? Optional.of(new BigInteger(1, log.topics().get(1)))
                        : log.data().length == 32 ? Optional.of(word(log.data(), 0)) : Optional.empty();
                if (k == SafeConfigChange.Kind.THRESHOLD_CHANGED) {
                    return Optional.of(new SafeConfigChange(k, Optional.empty(), arg));
                }
                return Optional.of(new SafeConfigChange(k, arg.filter(v -> v.bitLength() <= 160)
                        .map(v -> Address.of(Arrays.copyOfRange(word32(v), 12, 32))), Optional.empty()));
            }
        }
        return Optional.empty();
    }

    static Address topicAddress(byte[] topic) {
        return Address.of(Arrays.copyOfRange(topic, 12, 32));
    }

    static BigInteger word(byte[] data, int index) {
        return new BigInteger(1, Arrays.copyOfRange(data, index * 32, index * 32 + 32));
    }

    private static byte[] word32(BigInteger v) {
        byte[] out = new byte[32];
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    /** The {@code index}-th head word of {@code data} read as the offset of a uint256[]; null when malformed. */
    private static List<BigInteger> uintArray(byte[] data, int index) {
        if (data.length < (index + 1) * 32) {
            return null;
        }
        BigInteger offset = word(data, index);
        if (offset.bitLength() > 31 || offset.intValue() + 32 > data.length) {
            return null;
        }
        int at = offset.intValue();
        BigInteger count = new BigInteger(1, Arrays.copyOfRange(data, at, at + 32));
        if (count.bitLength() > 20 || at + 32 + count.intValue() * 32L > data.length) {
            return null;
        }
        java.util.ArrayList<BigInteger> out = new java.util.ArrayList<>();
        for (int i = 0; i < count.intValue(); i++) {
            out.add(new BigInteger(1, Arrays.copyOfRange(data, at + 32 + i * 32, at + 64 + i * 32)));
        }
        return out;
    }
}
