package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.DurableFiles;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.StrictJson;
import io.countersign.eth.json.JsonErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes request files ({@code REQ.json}, docs/architecture.md, "The request file"): a superset of
 * the Safe Transaction Service's multisig-transaction fields, numbers as decimal strings.
 *
 * <p>Reading checks everything a signer relies on: a present {@code safeTxHash} must equal the
 * hash of the fields, and every signature must recover to the signer it names. Reading is
 * strict: a field given twice, a {@code chainId} outside 1..{@link StrictJson#MAX_CHAIN_ID}, an
 * {@code operation} or {@code threshold} out of range, and uint256 fields out of range are
 * errors naming the field. Writing goes to a temporary file beside the target, forced to the
 * disk, moved into place, and the folder forced ({@link DurableFiles}), so neither a failure nor
 * a power cut leaves a half-written request.
 */
public final class RequestFile {
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /** The format version written in {@code version}. */
    public static final int FORMAT_VERSION = 1;

    private RequestFile() {}

    /**
     * @throws RequestFileException if the file can't be read, is not a request, or fails a check
     */
    public static SafeRequest read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RequestFileException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            return parse(JsonErrors.utf8(null, bytes));
        } catch (EthException | IllegalArgumentException | ArithmeticException e) {
            throw new RequestFileException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RequestFileException(file + ": not a request file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Parses request JSON with the same checks as {@link #read}.
     *
     * @throws EthException.InvalidInputException for text that is not JSON ("not valid JSON: …
     *     (line L, column C)", see {@link JsonErrors}) or a field that is missing, of the wrong
     *     kind or malformed ("tx.to …(line L, column C)")
     */
    public static SafeRequest parse(String json) {
        StrictJson.requireNoDuplicateKeys(JSON, json, "request");
        JsonNode root = JsonErrors.readTree(JSON, null, json);
        if (!root.isObject()) {
            throw new EthException.InvalidInputException("not a request file: expected a JSON object, found " + JsonErrors.kind(root));
        }
        try {
            return parse(root);
        } catch (FieldException e) {
            int[] at = JsonErrors.locate(JSON, json, e.pointer);
            throw new EthException.InvalidInputException(e.getMessage() + (at == null ? "" : " (line " + at[0] + ", column " + at[1] + ")"), e.getCause());
        }
    }

    private static SafeRequest parse(JsonNode root) {
        String kind = root.path("kind").asText("safe-tx");
        if (!kind.equals("safe-tx")) {
            throw new EthException.InvalidInputException("kind is " + kind + ", expected safe-tx");
        }
        BigInteger chainId = field("/chainId", () -> StrictJson.chainId(number(root, "", "chainId"), "chainId"));
        Address safe = field("/safe", () -> Address.parse(text(root, "", "safe"), "safe"));
        SafeVersion version = SafeVersion.parse(root.path("safeVersion").asText("1.4.1"));
        JsonNode t = root.get("tx");
        if (t == null || !t.isObject()) {
            throw new FieldException("/tx", "the request has no tx object" + (t == null ? "" : " (tx is " + JsonErrors.kind(t) + ")"), null);
        }
        SafeTx tx = new SafeTx(field("/tx/to", () -> Address.parse(text(t, "tx.", "to"), "tx.to")), number(t, "tx.", "value"),
                field("/tx/data", () -> Hex.decode(t.path("data").asText("0x"), "tx.data")),
                field("/tx/operation", () -> Operation.ofCode(
                        t.has("operation") ? (int) StrictJson.integer(t.get("operation"), "tx.operation", 0, 2) : 0)),
                optionalNumber(t, "tx.", "safeTxGas"), optionalNumber(t, "tx.", t.has("dataGas") ? "dataGas" : "baseGas"),
                optionalNumber(t, "tx.", "gasPrice"), optionalAddress(t, "tx.", "gasToken"), optionalAddress(t, "tx.", "refundReceiver"),
                number(t, "tx.", "nonce"));
        List<Address> owners = new ArrayList<>();
        int o = 0;
        for (JsonNode owner : root.path("owners")) {
            String pointer = "/owners/" + o++;
            owners.add(field(pointer, () -> Address.parse(owner.asText(), "owners")));
        }
        int threshold = root.has("threshold") ? field("/threshold", () -> (int) StrictJson.integer(root.get("threshold"),
                "threshold", 0, owners.isEmpty() ? Integer.MAX_VALUE : owners.size())) : 0;
        SafeTxHashes hashes = SafeHasher.hash(chainId, safe, version, tx);
        JsonNode claimed = root.get("safeTxHash");
        if (claimed != null && !claimed.isNull()) {
            byte[] claimedHash = field("/safeTxHash", () -> Hex.decode(claimed.asText(), "safeTxHash", 32));
            if (!java.util.Arrays.equals(claimedHash, hashes.safeTxHash())) {
                throw new EthException.InvalidInputException("safeTxHash " + claimed.asText()
                        + " does not match the request's fields (they hash to " + hashes.safeTxHashHex()
                        + "): the file was changed after it was made; get a fresh copy from the proposer");
            }
        }
        List<SafeSignature> signatures = new ArrayList<>();
        int index = 0;
        for (JsonNode s : root.path("signatures")) {
            index++;
            String pointer = "/signatures/" + (index - 1);
            String where = "signatures[" + (index - 1) + "].";
            SignatureMethod method = SignatureMethod.parse(s.path("method").asText("eip712"));
            String signerField = "signatures[" + index + "].signer";
            Address signer = s.hasNonNull("signer")
                    ? field(pointer + "/signer", () -> Address.parse(s.get("signer").asText(), signerField)) : null;
            try {
                signatures.add(SafeSignatures.read(method, text(s, where, "signature"), signer, hashes.safeTxHash()));
            } catch (EthException e) {
                throw new FieldException(pointer, "signature " + index + ": " + e.getMessage(), e);
            }
        }
        SafeRequest request = new SafeRequest(chainId, safe, version, tx, owners, threshold, List.of(),
                root.has("meta") && root.get("meta").isObject() ? (ObjectNode) root.get("meta") : null);
        for (SafeSignature s : signatures) {
            request = request.withSignature(s);
        }
        return request;
    }

    /** The request as JSON text, with its safeTxHash. */
    public static String toJson(SafeRequest r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", FORMAT_VERSION);
        root.put("kind", "safe-tx");
        root.put("chainId", r.chainId().toString());
        root.put("safe", r.safe().toString());
        root.put("safeVersion", r.safeVersion().text());
        ObjectNode tx = root.putObject("tx");
        SafeTx t = r.tx();
        tx.put("to", t.to().toString());
        tx.put("value", t.value().toString());
        tx.put("data", Hex.encode(t.data()));
        tx.put("operation", t.operation().code());
        tx.put("safeTxGas", t.safeTxGas().toString());
        tx.put(r.safeVersion().sixthFieldName(), t.baseGas().toString());
        tx.put("gasPrice", t.gasPrice().toString());
        tx.put("gasToken", t.gasToken().toString());
        tx.put("refundReceiver", t.refundReceiver().toString());
        tx.put("nonce", t.nonce().toString());
        if (!r.owners().isEmpty()) {
            ArrayNode owners = root.putArray("owners");
            r.owners().forEach(o -> owners.add(o.toString()));
            root.put("threshold", r.threshold());
        }
        root.put("safeTxHash", r.hashes().safeTxHashHex());
        ArrayNode sigs = root.putArray("signatures");
        for (SafeSignature s : r.signatures()) {
            ObjectNode o = sigs.addObject();
            o.put("signer", s.signer().toString());
            o.put("signature", s.encoded());
            o.put("method", s.method().id());
        }
        root.set("meta", r.meta());
        return JSON.writeValueAsString(root) + "\n";
    }

    /**
     * Writes atomically: a temporary file beside {@code file}, then a move into place.
     *
     * @throws UncheckedIOException if the file cannot be written (nothing is left behind)
     */
    public static void write(SafeRequest request, Path file) {
        writeAtomically(file, toJson(request));
    }

    /**
     * Writes text to {@code file} durably: a temporary file beside it, its contents forced to
     * the disk, an atomic move into place, then the folder forced ({@link DurableFiles}), so a
     * crash or power cut leaves the old file or the whole new one.
     *
     * @throws UncheckedIOException if the file cannot be written (the target is unchanged)
     */
    public static void writeAtomically(Path file, String text) {
        writeAtomically(file, text, DurableFiles.REAL);
    }

    /** As {@link #writeAtomically(Path, String)} through the given file-system steps (tests observe their order). */
    public static void writeAtomically(Path file, String text, DurableFiles.Steps steps) {
        try {
            DurableFiles.replace(file, text.getBytes(StandardCharsets.UTF_8), steps);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String prefix, String field) {
        JsonNode v = node.get(field);
        String pointer = JsonErrors.pointer(prefix + field);
        if (v == null || v.isNull()) {
            throw new FieldException(pointer.substring(0, pointer.lastIndexOf('/')), prefix + field + " is missing", null);
        }
        if (!v.isString() && !v.isNumber()) {
            throw new FieldException(pointer, prefix + field + ": expected a string, found " + JsonErrors.kind(v), null);
        }
        return v.asText();
    }

    private static BigInteger number(JsonNode node, String prefix, String field) {
        String s = text(node, prefix, field).trim();
        try {
            return s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
        } catch (NumberFormatException e) {
            throw new FieldException(JsonErrors.pointer(prefix + field), prefix + field + " is not a whole number: " + s, e);
        }
    }

    private static BigInteger optionalNumber(JsonNode node, String prefix, String field) {
        return node.hasNonNull(field) ? number(node, prefix, field) : BigInteger.ZERO;
    }

    private static Address optionalAddress(JsonNode node, String prefix, String field) {
        return node.hasNonNull(field)
                ? field(JsonErrors.pointer(prefix + field), () -> Address.parse(text(node, prefix, field), prefix + field)) : Address.ZERO;
    }

    /** Runs a field's parse; its error is reported at the field's place in the file. */
    private static <T> T field(String pointer, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (FieldException e) {
            throw e;
        } catch (EthException | IllegalArgumentException e) {
            throw new FieldException(pointer, e.getMessage(), e);
        }
    }

    /** A field's problem, before its line and column are looked up in the text. */
    private static final class FieldException extends RuntimeException {
        final String pointer;

        FieldException(String pointer, String message, Throwable cause) {
            super(message, cause, false, false);
            this.pointer = pointer;
        }
    }

    /**
     * A request file could not be read, is not a request, or failed a check (its safeTxHash
     * does not match its fields, a signature does not recover to its signer). The message names
     * the file and the reason; get a fresh copy from the proposer or the officer who signed.
     */
    public static final class RequestFileException extends MultisigException {
        public RequestFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
