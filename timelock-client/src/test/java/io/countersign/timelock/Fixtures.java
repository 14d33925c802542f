package io.countersign.timelock;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.devchain.Artifacts;
import io.countersign.eth.rpc.EthRpc;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Deploys the official artifacts on anvil and asks the contracts themselves for expected values.
 * Encodes with web3j's {@link Function} directly, never through the code under test.
 */
@SuppressWarnings("rawtypes") // web3j's encoder API takes List<Type>
final class Fixtures {
    private Fixtures() {}

    static org.web3j.abi.datatypes.Address w3(Address a) {
        return new org.web3j.abi.datatypes.Address(a.toLowerHex());
    }

    static DynamicArray<org.web3j.abi.datatypes.Address> w3(List<Address> list) {
        return new DynamicArray<>(org.web3j.abi.datatypes.Address.class, list.stream().map(Fixtures::w3).toList());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** OpenZeppelin TimelockController(minDelay, proposers, executors, admin). */
    static Address deployOz(Anvil anvil, Address from, long minDelay, List<Address> proposers, List<Address> executors,
            Address admin) {
        String args = FunctionEncoder.encodeConstructor(List.of(new Uint256(minDelay), w3(proposers), w3(executors), w3(admin)));
        return anvil.deploy(from, concat(anvil.artifacts().bytecode(Artifacts.OZ_TIMELOCK), Hex.decode(args, "args")));
    }

    /** Compound Timelock(admin_, delay_). */
    static Address deployCompound(Anvil anvil, Address admin, long delay) {
        String args = FunctionEncoder.encodeConstructor(List.of(w3(admin), new Uint256(delay)));
        return anvil.deploy(admin, concat(anvil.artifacts().bytecode(Artifacts.COMPOUND_TIMELOCK), Hex.decode(args, "args")));
    }

    /** Safe's test ERC20Token; the deployer holds the whole supply. */
    static Address deployToken(Anvil anvil, Address from) {
        return anvil.deploy(from, anvil.artifacts().bytecode(Artifacts.ERC20_TOKEN));
    }

    static byte[] encode(String name, List<Type> args) {
        return Hex.decode(FunctionEncoder.encode(new Function(name, args, List.of())), "calldata");
    }

    static byte[] transfer(Address to, BigInteger amount) {
        return encode("transfer", List.of(w3(to), new Uint256(amount)));
    }

    static BigInteger tokenBalance(EthRpc rpc, Address token, Address account) {
        byte[] out = rpc.call(token, encode("balanceOf", List.of(w3(account))));
        return new BigInteger(1, out);
    }

    /** The contract's own hashOperation / hashOperationBatch, by eth_call. */
    static OperationId contractHash(EthRpc rpc, Address timelock, TimelockOperation op) {
        List<Type> args;
        String name;
        if (op.batch()) {
            name = "hashOperationBatch";
            args = List.of(w3(op.calls().stream().map(TimelockCall::target).toList()),
                    new DynamicArray<>(Uint256.class, op.calls().stream().map(c -> new Uint256(c.value())).toList()),
                    new DynamicArray<>(DynamicBytes.class, op.calls().stream().map(c -> new DynamicBytes(c.data())).toList()),
                    new Bytes32(op.predecessor().bytes()), new Bytes32(op.salt().bytes()));
        } else {
            TimelockCall c = op.calls().getFirst();
            name = "hashOperation";
            args = List.of(w3(c.target()), new Uint256(c.value()), new DynamicBytes(c.data()),
                    new Bytes32(op.predecessor().bytes()), new Bytes32(op.salt().bytes()));
        }
        return new OperationId(rpc.call(timelock, encode(name, args)));
    }

    /** The contract's getOperationState(id), as the raw uint8. */
    static int contractState(EthRpc rpc, Address timelock, OperationId id) {
        return new BigInteger(1, rpc.call(timelock, encode("getOperationState", List.of(new Bytes32(id.bytes()))))).intValueExact();
    }

    static boolean contractQueued(EthRpc rpc, Address timelock, OperationId txHash) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<TypeReference<Type>> bool = (List) List.of(new TypeReference<org.web3j.abi.datatypes.Bool>() {});
        byte[] out = rpc.call(timelock, encode("queuedTransactions", List.of(new Bytes32(txHash.bytes()))));
        return (Boolean) FunctionReturnDecoder.decode(Hex.encode(out), bool).getFirst().getValue();
    }

    /**
     * eth_call of {@code data} from {@code from}: null when it would succeed, else the node's
     * revert message (which carries the revert data, e.g. a custom error's selector).
     */
    static String revertOf(Anvil anvil, Address from, Address to, byte[] data) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", from.toLowerHex());
        tx.put("to", to.toLowerHex());
        tx.put("data", Hex.encode(data));
        try {
            anvil.rpc().client().call("eth_call", tx, "latest");
            return null;
        } catch (EthException.RpcException e) {
            return e.getMessage();
        }
    }

    /** The 4-byte selector of a custom error such as {@code TimelockInsufficientDelay(uint256,uint256)}, as hex without 0x. */
    static String errorSelector(String signature) {
        return Hex.encodeBare(Arrays.copyOf(org.web3j.crypto.Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 4));
    }
}
