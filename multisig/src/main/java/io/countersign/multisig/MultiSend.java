package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.EthException;
import io.countersign.eth.Operation;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.utils.Numeric;

/**
 * Safe MultiSend / MultiSendCallOnly batches (Safe {@code libraries/MultiSend.sol}). The
 * {@code transactions} argument packs each call as {@code operation (1 byte) ‖ to (20) ‖ value
 * (32) ‖ data length (32) ‖ data}, with no padding. The Safe DELEGATECALLs the MultiSend
 * contract, which performs the legs; MultiSendCallOnly refuses legs that are DELEGATECALLs.
 */
public final class MultiSend {
    private MultiSend() {}

    /** MultiSendCallOnly 1.4.1 at its canonical address (Safe deployments, every chain). */
    public static final Address CALL_ONLY_1_4_1 = Address.parse("0x9641d764fc13c8B624c04430C7356C1C7C8102e2");
    /** MultiSendCallOnly 1.3.0 at its canonical address. */
    public static final Address CALL_ONLY_1_3_0 = Address.parse("0x40A2aCCbd92BCA938b02010E17A5b8929b49130D");
    /** {@code multiSend(bytes)} selector. */
    public static final byte[] SELECTOR = Numeric.hexStringToByteArray("8d80ff0a");

    /** The packed {@code transactions} bytes. */
    public static byte[] pack(List<Call> calls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Call c : calls) {
            if (c.operation() == Operation.CREATE) {
                throw new EthException.InvalidInputException("a MultiSend leg cannot be a CREATE");
            }
            byte[] data = c.data();
            out.write(c.operation().code());
            out.writeBytes(c.to().bytes());
            out.writeBytes(SafeHasher.word(c.value()));
            out.writeBytes(SafeHasher.word(BigInteger.valueOf(data.length)));
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    /**
     * The Safe call that runs {@code calls} as one batch through {@code multiSend}: a
     * DELEGATECALL to the MultiSend contract with {@code multiSend(pack(calls))}.
     *
     * @throws EthException.InvalidInputException for an empty batch
     */
    public static Call batch(Address multiSendContract, List<Call> calls) {
        if (calls.isEmpty()) {
            throw new EthException.InvalidInputException("a batch needs at least one call");
        }
        byte[] data = SafeAbi.encode(new Function("multiSend", List.of(new DynamicBytes(pack(calls))), List.of()));
        return new Call(multiSendContract, BigInteger.ZERO, data, Operation.DELEGATECALL);
    }

    /**
     * Splits {@code multiSend(bytes)} calldata back into its legs.
     *
     * @throws EthException.InvalidInputException if the selector is not multiSend's or the
     *     packing is truncated
     */
    public static List<Call> unpack(byte[] calldata) {
        if (calldata.length < 4 + 64 || !Arrays.equals(Arrays.copyOf(calldata, 4), SELECTOR)) {
            throw new EthException.InvalidInputException("not multiSend(bytes) calldata");
        }
        int length = new BigInteger(1, Arrays.copyOfRange(calldata, 4 + 32, 4 + 64)).intValueExact();
        int start = 4 + 64;
        if (start + length > calldata.length) {
            throw new EthException.InvalidInputException("multiSend transactions are truncated");
        }
        byte[] packed = Arrays.copyOfRange(calldata, start, start + length);
        List<Call> calls = new ArrayList<>();
        int i = 0;
        while (i < packed.length) {
            if (i + 85 > packed.length) {
                throw new EthException.InvalidInputException("multiSend leg " + (calls.size() + 1) + " is truncated");
            }
            Operation op = Operation.ofCode(packed[i] & 0xff);
            Address to = Address.of(Arrays.copyOfRange(packed, i + 1, i + 21));
            BigInteger value = new BigInteger(1, Arrays.copyOfRange(packed, i + 21, i + 53));
            int dataLength = new BigInteger(1, Arrays.copyOfRange(packed, i + 53, i + 85)).intValueExact();
            if (i + 85 + dataLength > packed.length) {
                throw new EthException.InvalidInputException("multiSend leg " + (calls.size() + 1) + " data is truncated");
            }
            calls.add(new Call(to, value, Arrays.copyOfRange(packed, i + 85, i + 85 + dataLength), op));
            i += 85 + dataLength;
        }
        return calls;
    }
}
