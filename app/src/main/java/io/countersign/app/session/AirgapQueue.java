package io.countersign.app.session;

import tools.jackson.databind.JsonNode;
import io.countersign.airgap.AirgapCode;
import io.countersign.airgap.AirgapException;
import io.countersign.airgap.EthSignRequest;
import io.countersign.airgap.EthSignatureCode;
import io.countersign.airgap.RequestIds;
import io.countersign.airgap.SafeTxSignData;
import io.countersign.airgap.SignatureMatch;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request queue's side of the air gap (docs/airgap.md, "Console"): a scanned request code
 * put into the queue ({@code DATA_DIR/requests}) for the ordinary Sign dialog, the answer code
 * the console shows once it is signed, and the journal entries of codes leaving and signatures
 * arriving.
 *
 * <p>Journal: a scanned request is a {@code REQUEST} entry with {@code source} {@code "qr"},
 * its {@code format} ({@code countersign} or {@code eth-sign-request}), {@code requestId} (the
 * UUID the answer must echo) and, for an {@code eth-sign-request} that names one, the
 * {@code address} asked to sign. A code shown to be scanned elsewhere is an {@code EXPORT}
 * entry (safeTxHash, requestId, format); a scanned signature added to a request is a
 * {@code COLLECT} entry (safeTxHash, signer, method, how it was matched, requestId, file).
 */
public final class AirgapQueue {
    private AirgapQueue() {}

    /** The value of {@code source} in the REQUEST entry of a scanned request. */
    public static final String SOURCE = "qr";

    /**
     * A request scanned into the queue.
     *
     * @param file the queue file holding it (new, or the queued copy of the same safeTxHash)
     * @param request the request as now in {@code file}
     * @param format {@code countersign} or {@code eth-sign-request}
     * @param requestId the 16-byte id the answer carries
     * @param added true if a new file was written, false if a queued copy of the same transaction was used
     * @param checks what this machine's gate can and cannot check for this request, one line each
     */
    public record Scanned(Path file, SafeRequest request, String format, byte[] requestId, boolean added, List<String> checks) {}

    /**
     * Puts the request a scanned code carries into the queue. A Countersign request code (the
     * whole request file, every check of {@link RequestFile#read} applied) is written as a new
     * queue file, or its signatures merged into the queued copy of the same safeTxHash. An
     * {@code eth-sign-request} of SafeTx typed data ({@link SafeTxSignData#parse}: its EIP-712
     * digest must equal the safeTxHash computed from the fields) is matched to the queued copy of
     * the same safeTxHash; without one, online, it becomes a new queue file (version from the
     * node, owners read by the session at signing); offline it is refused, since it carries no
     * owners. Each file is written atomically; a refusal writes nothing.
     *
     * @throws CountersignException.Refused with the reason (an answer or account code, another data
     *     type, typed data that is not a SafeTx, no queued copy offline)
     */
    public static Scanned scan(AppContext ctx, AirgapCode code) {
        Path queue = ctx.requestsDir();
        try {
            Files.createDirectories(queue);
        } catch (java.io.IOException e) {
            throw new CountersignException.Refused("cannot create the queue folder " + queue + ": " + e.getMessage());
        }
        Scanned scanned = switch (code) {
            case AirgapCode.Request r -> {
                SafeRequest incoming = r.request();
                byte[] id = RequestIds.forSafeTxHash(incoming.hashes().safeTxHash());
                Optional<RequestQueue.Entry> copy = queuedCopy(queue, incoming.hashes().safeTxHash());
                if (copy.isPresent()) {
                    SafeRequest merged;
                    try {
                        merged = copy.get().request().merge(incoming);
                    } catch (io.countersign.eth.EthException e) {
                        throw new CountersignException.Refused(copy.get().file() + " holds the same transaction but the scanned "
                                + "request does not merge into it: " + e.getMessage() + "; nothing was written");
                    }
                    if (merged.signatures().size() != copy.get().request().signatures().size()) {
                        RequestFile.write(merged, copy.get().file());
                    }
                    yield new Scanned(copy.get().file(), merged, "countersign", id, false, checks(ctx, merged, "countersign"));
                }
                Path file = freeName(queue, incoming);
                RequestFile.write(incoming, file);
                yield new Scanned(file, incoming, "countersign", id, true, checks(ctx, incoming, "countersign"));
            }
            case AirgapCode.SignRequest s -> {
                EthSignRequest req = s.request();
                if (req.dataType() != EthSignRequest.DataType.TYPED_DATA) {
                    throw new CountersignException.Refused("this eth-sign-request is data type " + req.dataType().code + " ("
                            + req.dataType().id + "); the queue takes Safe transactions, which travel as typed data (data type 2)");
                }
                SafeTxSignData.Parsed parsed;
                try {
                    parsed = SafeTxSignData.parse(req.signData(), req.chainId());
                } catch (AirgapException e) {
                    throw new CountersignException.Refused(e.getMessage());
                }
                byte[] id = req.requestId() != null ? req.requestId() : RequestIds.forSafeTxHash(parsed.safeTxHash());
                Optional<RequestQueue.Entry> copy = queuedCopy(queue, parsed.safeTxHash());
                if (copy.isPresent()) {
                    yield new Scanned(copy.get().file(), copy.get().request(), "eth-sign-request", id, false,
                            checks(ctx, copy.get().request(), "eth-sign-request"));
                }
                if (ctx.rpcIfOnline().isEmpty()) {
                    throw new CountersignException.Refused("this eth-sign-request carries only the SafeTx typed data (safeTxHash "
                            + Hex.encode(parsed.safeTxHash()) + "), not Safe " + parsed.safe() + "'s owners, threshold or version, and "
                            + "no queued request has this safeTxHash; offline, no signature's owner could be checked. Scan the "
                            + "Countersign request code of the same transaction (or open its request file) first, then this code again");
                }
                Path tmp;
                try {
                    tmp = Files.createTempDirectory(ctx.dataDir(), ".qr-scan-");
                } catch (java.io.IOException e) {
                    throw new CountersignException.Refused("cannot write in " + ctx.dataDir() + ": " + e.getMessage());
                }
                try {
                    AirgapSigning.Prepared p = AirgapSigning.prepare(ctx, code, tmp, null);
                    SafeRequest request = RequestFile.read(p.requestFile());
                    Path file = freeName(queue, request);
                    RequestFile.write(request, file);
                    yield new Scanned(file, request, "eth-sign-request", id, true, checks(ctx, request, "eth-sign-request"));
                } finally {
                    deleteTree(tmp);
                }
            }
            case AirgapCode.Signature sig -> throw new CountersignException.Refused(
                    "this is an eth-signature (an answer to a request), not a request to sign: add it with Scan signature… on the request");
            case AirgapCode.HdKey k -> throw new CountersignException.Refused(
                    "this is a crypto-hdkey (a wallet's account key), not a request to sign");
        };
        Map<String, Object> p = SafeSigningSession.requestPayload(scanned.request(), scanned.file());
        p.put("source", SOURCE);
        p.put("format", scanned.format());
        p.put("requestId", RequestIds.format(scanned.requestId()));
        if (code instanceof AirgapCode.SignRequest s && s.request().address() != null) {
            p.put("address", s.request().address().toString());
        }
        ctx.journal().append(EntryKind.REQUEST, p);
        return scanned;
    }

    /**
     * What the gate on this machine can and cannot check for a request that came by QR code, as
     * lines for the officer (docs/airgap.md, "What each side checks").
     */
    public static List<String> checks(AppContext ctx, SafeRequest r, String format) {
        List<String> out = new ArrayList<>();
        out.add("Checked here: the safeTxHash is recomputed from the fields; the calls are decoded and shown; the policy judges "
                + "them before the device is asked; the signature must recover to an owner.");
        if (ctx.rpcIfOnline().isPresent()) {
            out.add("Online: the Safe's owners, threshold, version and nonce are read from the node when you sign.");
            return out;
        }
        if (format.equals("eth-sign-request")) {
            out.add("The eth-sign-request carries only the SafeTx typed data: the owners (" + r.owners().size() + "), threshold ("
                    + r.threshold() + ") and Safe version (" + r.safeVersion() + ") come from your queued copy of the same "
                    + "transaction, not from the code.");
        } else {
            out.add("The owners (" + r.owners().size() + "), threshold (" + r.threshold() + ") and Safe version ("
                    + r.safeVersion() + ") are the online side's, as the request code carries them.");
        }
        out.add("Not checkable offline: that these are still the Safe's owners, threshold and version on chain, that nonce "
                + r.tx().nonce() + " is not used yet, and what the transaction does when executed (no simulation).");
        return out;
    }

    /**
     * The answer to show after the console signed {@code file}: an {@code eth-signature} with the
     * request id of the latest scan of this safeTxHash (journal {@code REQUEST} entry with
     * {@code source} {@code qr}); when the console is offline and the request was not scanned,
     * the id derived from the safeTxHash. Empty for an online console's own request.
     *
     * @throws CountersignException.BadSignature if the scanned eth-sign-request asked another address to sign
     */
    public static Optional<Answer> answer(AppContext ctx, SafeSigningSession.Signed signed) {
        String hash = signed.hashes().safeTxHashHex();
        JsonNode scan = null;
        for (JournalEntry e : ctx.journal().since(EntryKind.REQUEST, Instant.EPOCH)) {
            JsonNode p = e.payload();
            if (SOURCE.equals(p.path("source").asText()) && hash.equalsIgnoreCase(p.path("safeTxHash").asText())) {
                scan = p;
            }
        }
        if (scan == null && ctx.rpcIfOnline().isPresent()) {
            return Optional.empty();
        }
        byte[] id = scan == null ? RequestIds.forSafeTxHash(signed.hashes().safeTxHash()) : parseId(scan.path("requestId").asText());
        String format = scan == null ? "countersign" : scan.path("format").asText();
        if (scan != null && scan.hasNonNull("address")) {
            Address asked = Address.parse(scan.get("address").asText(), "address");
            if (!asked.equals(signed.signer())) {
                throw new CountersignException.BadSignature("the scanned request asks " + asked + " to sign, but the key signed as "
                        + signed.signer() + "; no signature code is shown (the request file holds the signature)");
            }
        }
        EthSignatureCode code = new EthSignatureCode(id, SignatureMatch.bytesOf(signed.signature()), "countersign");
        return Optional.of(new Answer(code, format, signed.signer(), hash));
    }

    /** A signature code to show: {@code format} is the format of the request it answers. */
    public record Answer(EthSignatureCode code, String format, Address signer, String safeTxHash) {}

    /** Journals a code leaving this machine as a QR code: {@code EXPORT} with safeTxHash, requestId, format. */
    public static void journalExport(AppContext ctx, String safeTxHash, byte[] requestId, String format, Address signer) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("safeTxHash", safeTxHash);
        p.put("requestId", RequestIds.format(requestId));
        p.put("format", format);
        p.put("via", "qr");
        if (signer != null) {
            p.put("signer", signer.toString());
        }
        ctx.journal().append(EntryKind.EXPORT, p);
    }

    /** Journals a scanned signature added to a request file: {@code COLLECT}. */
    public static void journalCollect(AppContext ctx, SafeRequest request, SignatureMatch.Matched m, EthSignatureCode code, Path file) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("safeTxHash", request.hashes().safeTxHashHex());
        p.put("signer", m.signature().signer().toString());
        p.put("method", m.signature().method().id());
        p.put("matchedBy", m.by());
        if (code.requestId() != null) {
            p.put("requestId", RequestIds.format(code.requestId()));
        }
        p.put("via", "qr");
        p.put("file", file.toAbsolutePath().toString());
        ctx.journal().append(EntryKind.COLLECT, p);
    }

    private static byte[] parseId(String uuid) {
        // written by this class from RequestIds.format: 8-4-4-4-12 hex, or plain hex for an id of another length
        return java.util.HexFormat.of().parseHex(uuid.replace("-", ""));
    }

    private static Optional<RequestQueue.Entry> queuedCopy(Path queue, byte[] safeTxHash) {
        return RequestQueue.load(queue).stream().filter(RequestQueue.Entry::ok)
                .filter(e -> java.util.Arrays.equals(e.request().hashes().safeTxHash(), safeTxHash)).findFirst();
    }

    /** {@code qr-<safeTxHash prefix>.json}, with a counter if taken. */
    private static Path freeName(Path queue, SafeRequest r) {
        String base = "qr-" + r.hashes().safeTxHashHex().substring(2, 14);
        Path p = queue.resolve(base + ".json");
        for (int i = 2; Files.exists(p); i++) {
            p = queue.resolve(base + "-" + i + ".json");
        }
        return p;
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary folder left behind holds only a copy of a request the queue now has
        }
    }
}
