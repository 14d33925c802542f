package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.json.JsonErrors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports the two JSON shapes officers bring from Safe{Wallet}:
 *
 * <ul>
 *   <li>a Safe Transaction Builder batch ({@code {"version","chainId","meta",
 *       "transactions":[{"to","value","data"|"contractMethod"+"contractInputsValues"}]}}):
 *       one call becomes the SafeTx itself, several become a MultiSendCallOnly batch;
 *   <li>a Safe Transaction Service multisig transaction ({@code safe, to, value, data,
 *       operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, nonce, safeTxHash,
 *       confirmations}), whose confirmations become signatures after they are checked.
 * </ul>
 */
public final class SafeImport {
    private SafeImport() {}

    /** What the importer needs that the JSON may not carry. */
    public record Target(BigInteger chainId, Address safe, SafeVersion version, BigInteger nonce, List<Address> owners,
            int threshold, Address multiSendCallOnly) {}

    /**
     * @throws EthException.InvalidInputException if the text is not JSON (with line and column,
     *     {@link JsonErrors}), the JSON is neither shape, names another
     *     chain or Safe, or a confirmation fails its check
     */
    public static SafeRequest importJson(String json, Target target) {
        JsonNode root = JsonErrors.readTree(RequestFile.JSON, null, json);
        if (!root.isObject()) {
            throw new EthException.InvalidInputException("not a Transaction Builder batch nor a Transaction Service transaction: expected a JSON object, found " + JsonErrors.kind(root));
        }
        if (root.has("transactions")) {
            return fromTxBuilder(root, target);
        }
        if (root.has("to") && root.has("nonce")) {
            return fromTransactionService(root, target);
        }
        throw new EthException.InvalidInputException(
                "not a Transaction Builder batch (no \"transactions\") nor a Transaction Service transaction (no \"to\"/\"nonce\")");
    }

    private static SafeRequest fromTxBuilder(JsonNode root, Target target) {
        if (root.hasNonNull("chainId") && !new BigInteger(root.get("chainId").asText()).equals(target.chainId())) {
            throw new EthException.InvalidInputException("the batch is for chain " + root.get("chainId").asText()
                    + ", the Safe is on chain " + target.chainId());
        }
        JsonNode from = root.path("meta").path("createdFromSafeAddress");
        if (!from.isMissingNode() && !from.asText().isEmpty()
                && !Address.parse(from.asText(), "meta.createdFromSafeAddress").equals(target.safe())) {
            throw new EthException.InvalidInputException("the batch was made for Safe " + from.asText() + ", not " + target.safe());
        }
        List<Call> calls = new ArrayList<>();
        int i = 0;
        for (JsonNode t : root.get("transactions")) {
            i++;
            Address to = Address.parse(t.path("to").asText(null), "transactions[" + i + "].to");
            BigInteger value = new BigInteger(t.path("value").asText("0"));
            byte[] data;
            if (t.hasNonNull("data") && !t.get("data").asText().isEmpty()) {
                data = Hex.decode(t.get("data").asText(), "transactions[" + i + "].data");
            } else if (t.hasNonNull("contractMethod")) {
                data = ContractMethodEncoder.encode(t.get("contractMethod"), t.path("contractInputsValues"), i);
            } else {
                data = new byte[0];
            }
            calls.add(new Call(to, value, data, Operation.CALL));
        }
        if (calls.isEmpty()) {
            throw new EthException.InvalidInputException("the batch has no transactions");
        }
        Call call = calls.size() == 1 ? calls.getFirst() : MultiSend.batch(target.multiSendCallOnly(), calls);
        ObjectNode meta = RequestFile.JSON.createObjectNode();
        String name = root.path("meta").path("name").asText("Transaction Builder batch");
        String description = root.path("meta").path("description").asText("");
        meta.put("description", description.isEmpty() ? name + " (" + calls.size() + " calls)" : description);
        meta.put("origin", "safe-transaction-builder");
        return new SafeRequest(target.chainId(), target.safe(), target.version(), SafeTx.of(call, target.nonce()),
                target.owners(), target.threshold(), List.of(), meta);
    }

    private static SafeRequest fromTransactionService(JsonNode t, Target target) {
        if (t.hasNonNull("safe") && !Address.parse(t.get("safe").asText(), "safe").equals(target.safe())) {
            throw new EthException.InvalidInputException("the transaction belongs to Safe " + t.get("safe").asText()
                    + ", not " + target.safe());
        }
        SafeTx tx = new SafeTx(Address.parse(t.get("to").asText(), "to"), new BigInteger(t.path("value").asText("0")),
                Hex.decode(t.path("data").isNull() ? "0x" : t.path("data").asText("0x"), "data"),
                Operation.ofCode(t.path("operation").asInt(0)), big(t, "safeTxGas"), big(t, "baseGas"),
                big(t, "gasPrice"), addr(t, "gasToken"), addr(t, "refundReceiver"), new BigInteger(t.get("nonce").asText()));
        ObjectNode meta = RequestFile.JSON.createObjectNode();
        meta.put("description", t.path("origin").asText("Transaction Service transaction"));
        meta.put("origin", "safe-transaction-service");
        SafeRequest request = new SafeRequest(target.chainId(), target.safe(), target.version(), tx, target.owners(),
                target.threshold(), List.of(), meta);
        byte[] safeTxHash = request.hashes().safeTxHash();
        if (t.hasNonNull("safeTxHash") && !java.util.Arrays.equals(Hex.decode(t.get("safeTxHash").asText(), "safeTxHash", 32), safeTxHash)) {
            throw new EthException.InvalidInputException("the service's safeTxHash " + t.get("safeTxHash").asText()
                    + " does not match the transaction's fields on chain " + target.chainId() + " (" + Hex.encode(safeTxHash)
                    + "): wrong chain or Safe version, or edited data");
        }
        for (JsonNode c : t.path("confirmations")) {
            Address owner = Address.parse(c.get("owner").asText(), "confirmations.owner");
            String type = c.path("signatureType").asText("EOA");
            SafeSignature sig = switch (type) {
                case "APPROVED_HASH" -> new SafeSignature.ApprovedHash(owner);
                case "CONTRACT_SIGNATURE" -> SafeSignatures.contract(owner, contractData(c.get("signature").asText()));
                default -> SafeSignatures.read(type.equals("ETH_SIGN") ? SignatureMethod.ETH_SIGN : SignatureMethod.EIP712,
                        c.get("signature").asText(), owner, safeTxHash);
            };
            request = request.withSignature(sig);
        }
        return request;
    }

    /** The service stores a contract signature as its 65-byte static part + dynamic part; keep the data. */
    private static byte[] contractData(String hex) {
        byte[] all = Hex.decode(hex, "signature");
        if (all.length < 65 + 32) {
            return all;
        }
        int length = new BigInteger(1, java.util.Arrays.copyOfRange(all, 65, 97)).intValueExact();
        return java.util.Arrays.copyOfRange(all, 97, 97 + length);
    }

    private static BigInteger big(JsonNode t, String field) {
        return t.hasNonNull(field) ? new BigInteger(t.get(field).asText()) : BigInteger.ZERO;
    }

    private static Address addr(JsonNode t, String field) {
        return t.hasNonNull(field) ? Address.parse(t.get(field).asText(), field) : Address.ZERO;
    }
}
