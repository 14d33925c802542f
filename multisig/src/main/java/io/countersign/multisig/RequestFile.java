package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * hash of the fields, and every signature must recover to the signer it names. Writing goes to
 * a temporary file beside the target and is moved into place, so a failure never leaves a
 * half-written request.
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
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RequestFileException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            return parse(text);
        } catch (EthException | IllegalArgumentException | ArithmeticException e) {
            throw new RequestFileException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RequestFileException(file + ": not a request file (" + e.getMessage() + ")", e);
        }
    }

    /** Parses request JSON with the same checks as {@link #read}. */
    public static SafeRequest parse(String json) {
        JsonNode root = JSON.readTree(json);
        String kind = root.path("kind").asText("safe-tx");
        if (!kind.equals("safe-tx")) {
            throw new EthException.InvalidInputException("kind is " + kind + ", expected safe-tx");
        }
        BigInteger chainId = number(root, "chainId");
        Address safe = Address.parse(text(root, "safe"), "safe");
        SafeVersion version = SafeVersion.parse(root.path("safeVersion").asText("1.4.1"));
        JsonNode t = root.get("tx");
        if (t == null || !t.isObject()) {
            throw new EthException.InvalidInputException("the request has no tx object");
        }
        SafeTx tx = new SafeTx(Address.parse(text(t, "to"), "tx.to"), number(t, "value"),
                Hex.decode(t.path("data").asText("0x"), "tx.data"), Operation.ofCode(t.path("operation").asInt(0)),
                optionalNumber(t, "safeTxGas"), optionalNumber(t, t.has("dataGas") ? "dataGas" : "baseGas"),
                optionalNumber(t, "gasPrice"), optionalAddress(t, "gasToken"), optionalAddress(t, "refundReceiver"),
                number(t, "nonce"));
        List<Address> owners = new ArrayList<>();
        for (JsonNode o : root.path("owners")) {
            owners.add(Address.parse(o.asText(), "owners"));
        }
        int threshold = root.path("threshold").asInt(0);
        SafeTxHashes hashes = SafeHasher.hash(chainId, safe, version, tx);
        JsonNode claimed = root.get("safeTxHash");
        if (claimed != null && !claimed.isNull()) {
            byte[] claimedHash = Hex.decode(claimed.asText(), "safeTxHash", 32);
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
            SignatureMethod method = SignatureMethod.parse(s.path("method").asText("eip712"));
            Address signer = s.hasNonNull("signer") ? Address.parse(s.get("signer").asText(), "signatures[" + index + "].signer") : null;
            try {
                signatures.add(SafeSignatures.read(method, text(s, "signature"), signer, hashes.safeTxHash()));
            } catch (EthException e) {
                throw new EthException.InvalidInputException("signature " + index + ": " + e.getMessage());
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

    /** Writes text to {@code file} through a temporary file and an atomic move. */
    public static void writeAtomically(Path file, String text) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error is what the user needs to see
                }
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new EthException.InvalidInputException(field + " is missing");
        }
        return v.asText();
    }

    private static BigInteger number(JsonNode node, String field) {
        String s = text(node, field).trim();
        try {
            return s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
        } catch (NumberFormatException e) {
            throw new EthException.InvalidInputException(field + " is not a whole number: " + s);
        }
    }

    private static BigInteger optionalNumber(JsonNode node, String field) {
        return node.hasNonNull(field) ? number(node, field) : BigInteger.ZERO;
    }

    private static Address optionalAddress(JsonNode node, String field) {
        return node.hasNonNull(field) ? Address.parse(node.get(field).asText(), field) : Address.ZERO;
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
