package io.countersign.multisig.decode;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Operation;
import io.countersign.eth.intent.AbiFunction;
import io.countersign.eth.intent.CallDecoder;
import io.countersign.eth.intent.ContractCall;
import io.countersign.eth.intent.DecodeContext;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.MalformedCall;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.datatypes.Type;

/**
 * Safe {@code MultiSend} / {@code MultiSendCallOnly} {@code multiSend(bytes transactions)}: each
 * leg becomes its own intents, decoded through the registry (so a token transfer in a batch is a
 * token transfer, and a DELEGATECALL leg is a delegatecall). The outer ABI must be canonical, and
 * the packed legs must fill {@code transactions} exactly; anything else is a {@link MalformedCall}.
 *
 * <p>Legs exist only when the Safe <em>delegatecalls</em> the batch: then the MultiSend code runs
 * as the Safe and each leg is a call the Safe makes. A CALL of {@code multiSend(bytes)} runs the
 * target's code as the target, whatever the bytes say: it is a {@link ContractCall} of
 * {@code multiSend(bytes)} on that target, judged as a contract call. Whether a delegatecalled
 * target is trusted to be a MultiSend is the policy's {@code delegatecall-allow} list; the gate
 * neither counts nor shows as allowed the legs of a delegatecall to a target it does not list.
 *
 * <p>Packed leg layout (Safe {@code libraries/MultiSend.sol}): {@code operation} uint8 (1 byte,
 * 0 CALL or 1 DELEGATECALL) ‖ {@code to} (20 bytes) ‖ {@code value} uint256 (32 bytes, wei) ‖
 * {@code dataLength} uint256 (32 bytes) ‖ {@code data} (dataLength bytes), no padding between legs.
 */
public final class MultiSendDecoder implements CallDecoder {
    static final AbiFunction MULTI_SEND = AbiFunction.parse("multiSend(bytes transactions)");

    /** Bytes before a leg's data: operation 1 + to 20 + value 32 + dataLength 32. */
    static final int LEG_HEADER = 85;

    @Override
    public Optional<List<Intent>> decode(Call call, DecodeContext ctx) {
        byte[] data = call.data();
        if (!MULTI_SEND.matches(data)) {
            return Optional.empty();
        }
        Optional<List<Type>> outer = MULTI_SEND.decode(data);
        if (outer.isEmpty()) {
            return Optional.of(List.of(MULTI_SEND.malformed(call)));
        }
        if (call.operation() != Operation.DELEGATECALL) {
            return Optional.of(List.of(MULTI_SEND.toContractCall(call, outer.get())));
        }
        Optional<List<Call>> legs = unpack(AbiFunction.bytes(outer.get().getFirst()));
        if (legs.isEmpty() || legs.get().isEmpty()) {
            return Optional.of(List.of(MalformedCall.of(call, MULTI_SEND.signature(), legs.isEmpty()
                    ? "packed transactions that do not split exactly into legs (a leg truncated, an operation "
                            + "other than 0 or 1, or a dataLength beyond the bytes)"
                    : "no transactions")));
        }
        List<Intent> out = new ArrayList<>();
        legs.get().forEach(leg -> out.addAll(ctx.decodeInner(leg)));
        return Optional.of(List.copyOf(out));
    }

    /**
     * Splits packed {@code transactions} into calls.
     *
     * @return empty when a leg is truncated, has an operation other than 0 or 1, or a length that
     *     does not fit
     */
    public static Optional<List<Call>> unpack(byte[] packed) {
        List<Call> calls = new ArrayList<>();
        int i = 0;
        while (i < packed.length) {
            if (packed.length - i < LEG_HEADER) {
                return Optional.empty();
            }
            int op = packed[i] & 0xff;
            if (op > 1) {
                return Optional.empty();
            }
            Address to = Address.of(Arrays.copyOfRange(packed, i + 1, i + 21));
            BigInteger value = new BigInteger(1, Arrays.copyOfRange(packed, i + 21, i + 53));
            BigInteger length = new BigInteger(1, Arrays.copyOfRange(packed, i + 53, i + 85));
            if (length.compareTo(BigInteger.valueOf(packed.length - i - LEG_HEADER)) > 0) {
                return Optional.empty();
            }
            int n = length.intValueExact();
            calls.add(new Call(to, value, Arrays.copyOfRange(packed, i + LEG_HEADER, i + LEG_HEADER + n),
                    Operation.ofCode(op)));
            i += LEG_HEADER + n;
        }
        return Optional.of(calls);
    }
}
