package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.json.JsonErrors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports the two JSON shapes officers bring from Safe{Wallet}, offline: everything about the
 * Safe that the file does not carry comes from {@link Target}.
 *
 * <ul>
 *   <li><b>Transaction Builder batch</b> ({@code {"version","chainId","createdAt","meta",
 *       "transactions":[{"to","value","data"?,"contractMethod"?,"contractInputsValues"?}]}}), read
 *       as the Builder reads it: a transaction's calldata is its {@code data}, or else its
 *       {@code contractMethod} encoded with {@code contractInputsValues}
 *       ({@link ContractMethodEncoder}); when both are present they must agree. One leg per
 *       transaction, in order; one leg is the SafeTx itself (CALL), several become a
 *       MultiSendCallOnly batch (DELEGATECALL). {@code meta.checksum} is recomputed
 *       ({@link TxBuilderChecksum}); absent or different, it is a warning, as in the Builder.
 *   <li><b>Transaction Service multisig transaction</b>, as {@code GET
 *       /api/v1/multisig-transactions/{safeTxHash}/} returns it, or a list page
 *       ({@code {"count","next","previous","results":[…]}}) from which one transaction is picked
 *       by safeTxHash, by nonce, or as the only one. {@code data}, {@code gasToken},
 *       {@code refundReceiver} may be null; numbers may be JSON numbers or decimal strings. Its
 *       {@code safeTxHash} must equal the hash of its fields for the Target's chain and version.
 *       Its {@code confirmations} become signatures: EOA (EIP-712) and ETH_SIGN are recovered and
 *       must match their {@code owner}; APPROVED_HASH and CONTRACT_SIGNATURE are kept and listed
 *       as unverified (only the chain can confirm them).
 * </ul>
 *
 * <p>Every byte of the file is treated as attacker-written: a refusal is an
 * {@link EthException.InvalidInputException} whose message names what is wrong.
 */
public final class SafeImport {
    private SafeImport() {}

    /**
     * What the importer needs that the JSON may not carry.
     *
     * @param nonce the SafeTx nonce of a batch; for a Transaction Service file it selects from a
     *     list, and a single transaction's nonce must equal it; may be null for a Service file
     * @param multiSendCallOnly the MultiSendCallOnly a batch of several legs calls
     */
    public record Target(BigInteger chainId, Address safe, SafeVersion version, BigInteger nonce, List<Address> owners,
            int threshold, Address multiSendCallOnly) {}

    /** Which file shape was imported. */
    public enum Source {
        TRANSACTION_BUILDER("safe-transaction-builder"),
        TRANSACTION_SERVICE("safe-transaction-service");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        /** The name written in the request's {@code meta.origin}. */
        public String id() {
            return id;
        }
    }

    /**
     * The result of an import.
     *
     * @param legs the number of calls (1 for a Service transaction or a one-transaction batch)
     * @param checksumValid for a batch: whether {@code meta.checksum} equals the recomputed one
     *     (false when absent); null for a Service transaction
     * @param checksumGiven the file's {@code meta.checksum}, or null
     * @param checksumComputed the checksum the Builder computes for the file, or null
     * @param warnings what the officer must see before signing (empty when none)
     * @param unverified owners whose APPROVED_HASH or CONTRACT_SIGNATURE was carried over without a
     *     check (only the chain can confirm them)
     */
    public record Imported(SafeRequest request, Source source, int legs, Boolean checksumValid, String checksumGiven,
            String checksumComputed, List<String> warnings, List<Address> unverified) {}

    /** As {@link #importJson(String, Target, String)} with no safeTxHash selection. */
    public static Imported importJson(String json, Target target) {
        return importJson(json, target, null);
    }

    /**
     * @param json the file's text
     * @param safeTxHash for a Transaction Service list: the transaction to take (and for a single
     *     transaction: the hash it must have); may be null
     * @throws EthException.InvalidInputException if the text is not JSON (one line with line and
     *     column, {@link JsonErrors}), the JSON is neither shape, names another chain
     *     or Safe, a safeTxHash does not match, a leg's data contradicts its contractMethod, or a
     *     confirmation does not recover to its owner
     */
    public static Imported importJson(String json, Target target, String safeTxHash) {
        JsonNode root = parse(json);
        if (!root.isObject()) {
            throw new EthException.InvalidInputException("not a Transaction Builder batch nor a Transaction Service transaction: expected a JSON object, found "
                    + JsonErrors.kind(root));
        }
        if (root.has("transactions")) {
            if (safeTxHash != null) {
                throw new EthException.InvalidInputException("--safe-tx-hash selects from a Transaction Service list; this file is a Transaction Builder batch");
            }
            return fromTxBuilder(root, target);
        }
        if (root.has("results")) {
            return fromTransactionService(pick(root, target.nonce(), safeTxHash), target, safeTxHash);
        }
        if (root.has("to") && root.has("nonce")) {
            return fromTransactionService(root, target, safeTxHash);
        }
        throw new EthException.InvalidInputException("not a Transaction Builder batch (no \"transactions\") nor a Transaction Service "
                + "transaction (no \"to\"/\"nonce\") or list (no \"results\")");
    }

    /** Parses with {@link JsonErrors}: a syntax error is one line with its line and column. */
    private static JsonNode parse(String json) {
        return JsonErrors.readTree(RequestFile.JSON, null, json);
    }

    // ---- Transaction Builder ----

    private static Imported fromTxBuilder(JsonNode root, Target target) {
        JsonNode chain = root.get("chainId");
        if (chain != null && !chain.isNull() && !chain.asString().isEmpty()
                && !integer(chain, "chainId").equals(target.chainId())) {
            throw new EthException.InvalidInputException("the batch is for chain " + chain.asString() + ", the Safe is on chain " + target.chainId());
        }
        JsonNode from = root.path("meta").path("createdFromSafeAddress");
        if (from.isString() && !from.asString().isEmpty()
                && !Address.parse(from.asString(), "meta.createdFromSafeAddress").equals(target.safe())) {
            throw new EthException.InvalidInputException("the batch was made for Safe " + from.asString() + ", not " + target.safe());
        }
        JsonNode txs = root.get("transactions");
        if (txs == null || !txs.isArray() || txs.isEmpty()) {
            throw new EthException.InvalidInputException("the batch has no transactions");
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            calls.add(leg(txs.get(i), i + 1));
        }
        if (target.nonce() == null) {
            throw new EthException.InvalidInputException("a Transaction Builder batch carries no nonce: give --nonce");
        }
        List<String> warnings = new ArrayList<>();
        String given = root.path("meta").path("checksum").isString() ? root.path("meta").path("checksum").asString() : null;
        String computed = TxBuilderChecksum.expected(root);
        boolean valid = given != null && given.equalsIgnoreCase(computed);
        if (given == null || given.isEmpty()) {
            warnings.add("CHECKSUM MISSING: the batch has no meta.checksum, so nothing shows whether it was changed after the "
                    + "Transaction Builder wrote it; check every transaction");
        } else if (!valid) {
            warnings.add("CHECKSUM MISMATCH: meta.checksum is " + given + " but the Transaction Builder computes " + computed
                    + " for this file: it was changed after it was written; check every transaction");
        }
        Call call = calls.size() == 1 ? calls.getFirst() : MultiSend.batch(target.multiSendCallOnly(), calls);
        ObjectNode meta = RequestFile.JSON.createObjectNode();
        String name = root.path("meta").path("name").isString() ? root.path("meta").path("name").asString() : "Transaction Builder batch";
        String description = root.path("meta").path("description").isString() ? root.path("meta").path("description").asString() : "";
        meta.put("description", description.isEmpty() ? name + " (" + calls.size() + (calls.size() == 1 ? " call)" : " calls)") : description);
        meta.put("origin", Source.TRANSACTION_BUILDER.id());
        ObjectNode imp = meta.putObject("import");
        imp.put("checksumValid", valid);
        if (given != null) {
            imp.put("checksum", given);
        }
        imp.put("checksumComputed", computed);
        ArrayNode w = imp.putArray("warnings");
        warnings.forEach(w::add);
        SafeRequest request = new SafeRequest(target.chainId(), target.safe(), target.version(), SafeTx.of(call, target.nonce()),
                target.owners(), target.threshold(), List.of(), meta);
        return new Imported(request, Source.TRANSACTION_BUILDER, calls.size(), valid, given, computed, List.copyOf(warnings), List.of());
    }

    /** One Builder transaction as a CALL leg. */
    private static Call leg(JsonNode t, int index) {
        if (!t.isObject()) {
            throw new EthException.InvalidInputException("transaction " + index + " is not an object");
        }
        JsonNode method = t.get("contractMethod");
        boolean hasMethod = method != null && method.isObject();
        String where = "transaction " + index + (hasMethod && method.path("name").isString() ? " (" + method.path("name").asString() + ")" : "");
        Address to = Address.parse(t.path("to").isString() ? t.get("to").asString() : null, where + " to");
        BigInteger value = t.hasNonNull("value") ? nonNegative(t.get("value"), where + " value") : BigInteger.ZERO;
        JsonNode dataNode = t.get("data");
        // The Builder takes "data" when it is a non-empty string, else encodes the contractMethod.
        boolean hasData = dataNode != null && dataNode.isString() && !dataNode.asString().isEmpty();
        if (dataNode != null && !dataNode.isNull() && !dataNode.isString()) {
            throw new EthException.InvalidInputException(where + ": data is not a hex string");
        }
        byte[] data;
        if (hasData) {
            data = Hex.decode(dataNode.asString(), where + " data");
            if (hasMethod) {
                byte[] encoded = ContractMethodEncoder.encode(method, t.get("contractInputsValues"), where);
                if (!Arrays.equals(encoded, data)) {
                    throw new EthException.InvalidInputException(where + " to " + to + ": its data " + abbreviate(Hex.encode(data))
                            + " does not match its contractMethod " + ContractMethodEncoder.signature(method, where)
                            + " with contractInputsValues, which encode to " + abbreviate(Hex.encode(encoded))
                            + ": the file contradicts itself; get it again from its author");
                }
            }
        } else if (hasMethod) {
            data = ContractMethodEncoder.encode(method, t.get("contractInputsValues"), where);
        } else {
            data = new byte[0];
        }
        return new Call(to, value, data, Operation.CALL);
    }

    private static String abbreviate(String hex) {
        return hex.length() <= 74 ? hex : hex.substring(0, 42) + "…" + hex.substring(hex.length() - 16) + " (" + (hex.length() - 2) / 2 + " bytes)";
    }

    // ---- Transaction Service ----

    private static JsonNode pick(JsonNode page, BigInteger nonce, String safeTxHash) {
        JsonNode results = page.get("results");
        if (results == null || !results.isArray()) {
            throw new EthException.InvalidInputException("\"results\" is not a list of transactions");
        }
        List<JsonNode> multisig = new ArrayList<>();
        for (JsonNode r : results) {
            if (r.isObject() && r.has("safeTxHash") && r.has("nonce")
                    && (!r.has("txType") || "MULTISIG_TRANSACTION".equals(r.get("txType").asString()))) {
                multisig.add(r);
            }
        }
        String more = page.hasNonNull("next") ? " (the file is one page of " + page.path("count").asString()
                + " results; fetch the page that holds it)" : "";
        List<JsonNode> chosen = new ArrayList<>();
        for (JsonNode r : multisig) {
            if (safeTxHash != null && !r.get("safeTxHash").asString().equalsIgnoreCase(safeTxHash.trim())) {
                continue;
            }
            if (nonce != null && !integer(r.get("nonce"), "nonce").equals(nonce)) {
                continue;
            }
            chosen.add(r);
        }
        if (chosen.size() == 1) {
            return chosen.getFirst();
        }
        String by = (safeTxHash != null ? " with safeTxHash " + safeTxHash : "") + (nonce != null ? " with nonce " + nonce : "");
        if (chosen.isEmpty()) {
            throw new EthException.InvalidInputException("the list holds " + multisig.size() + " multisig transactions, none" + by + more);
        }
        List<String> hashes = chosen.stream().map(r -> "nonce " + r.get("nonce").asString() + " " + r.get("safeTxHash").asString()).toList();
        throw new EthException.InvalidInputException("the list holds " + chosen.size() + " multisig transactions" + by
                + ": choose one with --safe-tx-hash (" + String.join(", ", hashes) + ")");
    }

    private static Imported fromTransactionService(JsonNode t, Target target, String wantedHash) {
        if (t.hasNonNull("safe") && !Address.parse(t.get("safe").asString(), "safe").equals(target.safe())) {
            throw new EthException.InvalidInputException("the transaction belongs to Safe " + t.get("safe").asString() + ", not " + target.safe());
        }
        BigInteger nonce = nonNegative(required(t, "nonce"), "nonce");
        if (target.nonce() != null && !nonce.equals(target.nonce())) {
            throw new EthException.InvalidInputException("the transaction has nonce " + nonce + ", not the --nonce " + target.nonce() + " given");
        }
        JsonNode data = t.get("data");
        if (data != null && !data.isNull() && !data.isString()) {
            throw new EthException.InvalidInputException("data is not a hex string");
        }
        JsonNode operation = t.get("operation");
        int op = operation == null || operation.isNull() ? 0 : nonNegative(operation, "operation").intValueExact();
        SafeTx tx = new SafeTx(Address.parse(required(t, "to").asString(), "to"),
                t.hasNonNull("value") ? nonNegative(t.get("value"), "value") : BigInteger.ZERO,
                data == null || data.isNull() ? new byte[0] : Hex.decode(data.asString(), "data"), Operation.ofCode(op),
                optional(t, "safeTxGas"), t.hasNonNull("baseGas") ? optional(t, "baseGas") : optional(t, "dataGas"),
                optional(t, "gasPrice"), address(t, "gasToken"), address(t, "refundReceiver"), nonce);
        ObjectNode meta = RequestFile.JSON.createObjectNode();
        meta.put("description", t.path("origin").isString() && !t.get("origin").asString().isBlank()
                ? t.get("origin").asString() : "Transaction Service transaction");
        meta.put("origin", Source.TRANSACTION_SERVICE.id());
        SafeRequest request = new SafeRequest(target.chainId(), target.safe(), target.version(), tx, target.owners(),
                target.threshold(), List.of(), meta);
        byte[] safeTxHash = request.hashes().safeTxHash();
        JsonNode claimed = t.get("safeTxHash");
        if (claimed == null || !claimed.isString()) {
            throw new EthException.InvalidInputException("the transaction has no safeTxHash to check its fields against");
        }
        if (!Arrays.equals(Hex.decode(claimed.asString(), "safeTxHash", 32), safeTxHash)) {
            throw new EthException.InvalidInputException("the file's safeTxHash " + claimed.asString()
                    + " does not match its fields, which hash to " + Hex.encode(safeTxHash) + " for Safe " + target.safe()
                    + " " + target.version().text() + " on chain " + target.chainId()
                    + ": wrong chain or Safe version, or the fields were edited");
        }
        if (wantedHash != null && !Arrays.equals(Hex.decode(wantedHash.trim(), "--safe-tx-hash", 32), safeTxHash)) {
            throw new EthException.InvalidInputException("the file's transaction has safeTxHash " + Hex.encode(safeTxHash)
                    + ", not the --safe-tx-hash " + wantedHash + " given");
        }
        List<Address> unverified = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        JsonNode confirmations = t.get("confirmations");
        int index = 0;
        for (JsonNode c : confirmations == null || confirmations.isNull() ? RequestFile.JSON.createArrayNode() : confirmations) {
            index++;
            String where = "confirmation " + index;
            Address owner = Address.parse(c.path("owner").isString() ? c.get("owner").asString() : null, where + " owner");
            String type = c.path("signatureType").isString() ? c.get("signatureType").asString() : "EOA";
            JsonNode sigNode = c.get("signature");
            String sig = sigNode != null && sigNode.isString() ? sigNode.asString() : null;
            SafeSignature signature;
            try {
                signature = switch (type) {
                    case "APPROVED_HASH" -> approvedHash(owner, sig);
                    case "CONTRACT_SIGNATURE" -> SafeSignatures.contract(owner, contractData(need(sig, type)));
                    case "EOA" -> SafeSignatures.read(SignatureMethod.EIP712, need(sig, type), owner, safeTxHash);
                    case "ETH_SIGN" -> SafeSignatures.read(SignatureMethod.ETH_SIGN, need(sig, type), owner, safeTxHash);
                    default -> throw new EthException.InvalidInputException("signatureType " + type
                            + " is none of EOA, ETH_SIGN, APPROVED_HASH, CONTRACT_SIGNATURE");
                };
            } catch (EthException e) {
                throw new EthException.InvalidInputException(where + " (owner " + owner + ", " + type + "): " + e.getMessage());
            }
            if (type.equals("APPROVED_HASH") || type.equals("CONTRACT_SIGNATURE")) {
                unverified.add(owner);
                warnings.add("UNVERIFIED: " + owner + "'s " + type + " confirmation is carried over unchecked; only the chain can confirm it"
                        + (type.equals("APPROVED_HASH") ? " (approvedHashes)" : " (isValidSignature)"));
            }
            request = request.withSignature(signature);
        }
        ObjectNode imp = meta.putObject("import");
        ArrayNode u = imp.putArray("unverifiedSignatures");
        unverified.forEach(a -> u.add(a.toString()));
        ArrayNode w = imp.putArray("warnings");
        warnings.forEach(w::add);
        return new Imported(request, Source.TRANSACTION_SERVICE, 1, null, null, null, List.copyOf(warnings), List.copyOf(unverified));
    }

    private static String need(String sig, String type) {
        if (sig == null) {
            throw new EthException.InvalidInputException("a " + type + " confirmation without a signature");
        }
        return sig;
    }

    /** An APPROVED_HASH signature is {@code r} = owner, {@code s} = 0, {@code v} = 1; when present it must name its owner. */
    private static SafeSignature approvedHash(Address owner, String sig) {
        if (sig != null) {
            byte[] b = Hex.decode(sig, "signature", 65);
            Address r = Address.of(Arrays.copyOfRange(b, 12, 32));
            if (b[64] != 1 || !r.equals(owner)) {
                throw new EthException.InvalidInputException("the signature is not an approved hash of " + owner
                        + " (it names " + r + " with v " + (b[64] & 0xff) + ")");
            }
        }
        return new SafeSignature.ApprovedHash(owner);
    }

    /** The service stores a contract signature as its 65-byte static part + dynamic part; keep the data. */
    private static byte[] contractData(String hex) {
        byte[] all = Hex.decode(hex, "signature");
        if (all.length < 65 + 32) {
            return all;
        }
        int length = new BigInteger(1, Arrays.copyOfRange(all, 65, 97)).intValueExact();
        if (97 + length > all.length) {
            throw new EthException.InvalidInputException("the contract signature's dynamic part is shorter than its length says");
        }
        return Arrays.copyOfRange(all, 97, 97 + length);
    }

    private static JsonNode required(JsonNode t, String field) {
        JsonNode n = t.get(field);
        if (n == null || n.isNull()) {
            throw new EthException.InvalidInputException("the transaction has no " + field);
        }
        return n;
    }

    private static BigInteger optional(JsonNode t, String field) {
        return t.hasNonNull(field) ? nonNegative(t.get(field), field) : BigInteger.ZERO;
    }

    private static Address address(JsonNode t, String field) {
        return t.hasNonNull(field) ? Address.parse(t.get(field).asString(), field) : Address.ZERO;
    }

    /** A JSON number (whole) or a string of decimal digits. */
    static BigInteger integer(JsonNode n, String field) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue();
        }
        if (n.isString() && n.asString().trim().matches("-?[0-9]+")) {
            return new BigInteger(n.asString().trim());
        }
        throw new EthException.InvalidInputException(field + " is " + n + ", not a whole number (a JSON number or a string of decimal digits)");
    }

    private static BigInteger nonNegative(JsonNode n, String field) {
        BigInteger v = integer(n, field);
        if (v.signum() < 0) {
            throw new EthException.InvalidInputException(field + " is negative: " + v);
        }
        return v;
    }
}
