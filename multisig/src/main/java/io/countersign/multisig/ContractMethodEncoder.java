package io.countersign.multisig;

import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import tools.jackson.databind.JsonNode;

/**
 * Encodes a Transaction Builder {@code contractMethod} with its {@code contractInputsValues}
 * into calldata. Supports the scalar ABI types officers use in batches: address, bool,
 * uintN/intN (encoded as one 32-byte word), bytes32, bytes and string.
 */
final class ContractMethodEncoder {
    private ContractMethodEncoder() {}

    static byte[] encode(JsonNode method, JsonNode values, int index) {
        String name = method.path("name").asText();
        List<Type> args = new ArrayList<>();
        List<String> signature = new ArrayList<>();
        for (JsonNode input : method.path("inputs")) {
            String type = input.path("type").asText();
            String value = values.path(input.path("name").asText()).asText(null);
            if (value == null) {
                throw new EthException.InvalidInputException("transactions[" + index + "]: no value for input "
                        + input.path("name").asText() + " of " + name);
            }
            args.add(toType(type, value.trim(), index));
            signature.add(type);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Function f = new Function(name, (List) args, List.of());
        byte[] encoded = Hex.decode(FunctionEncoder.encode(f), name);
        // web3j derives the selector from its own type names (uint256 for every uint); rebuild
        // it from the declared signature so uint8/int128 etc. keep their real selector.
        byte[] selector = org.web3j.crypto.Hash.sha3((name + "(" + String.join(",", signature) + ")")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        System.arraycopy(selector, 0, encoded, 0, 4);
        return encoded;
    }

    private static Type<?> toType(String type, String value, int index) {
        try {
            if (type.equals("address")) {
                return new org.web3j.abi.datatypes.Address(io.countersign.eth.Address.parse(value).toLowerHex());
            }
            if (type.equals("bool")) {
                return new Bool(Boolean.parseBoolean(value));
            }
            if (type.startsWith("uint")) {
                return new Uint256(new BigInteger(value));
            }
            if (type.startsWith("int")) {
                return new Int256(new BigInteger(value));
            }
            if (type.equals("bytes32")) {
                return new Bytes32(Hex.decode(value, "bytes32", 32));
            }
            if (type.equals("bytes")) {
                return new DynamicBytes(Hex.decode(value, "bytes"));
            }
            if (type.equals("string")) {
                return new Utf8String(value);
            }
        } catch (NumberFormatException e) {
            throw new EthException.InvalidInputException("transactions[" + index + "]: " + value + " is not a " + type);
        }
        throw new EthException.InvalidInputException("transactions[" + index + "]: input type " + type
                + " is not supported in contractMethod; give the calldata in \"data\" instead");
    }
}
