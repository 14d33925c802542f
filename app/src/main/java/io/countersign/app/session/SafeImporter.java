package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.json.JsonErrors;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeImport;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeVersion;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The one importer behind {@code safe import} and the console's import (drop or file chooser):
 * reads a Transaction Builder batch or a Transaction Service transaction
 * ({@link SafeImport}), with the Safe's facts from the node or, offline, from the caller; writes
 * the request atomically and journals it (a REQUEST entry with the import's checksum result and
 * warnings). Nothing is written when the import is refused.
 */
public final class SafeImporter {
    private final AppContext ctx;

    public SafeImporter(AppContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The facts an officer may give, as {@code safe propose} takes them; any may be null. Offline
     * all but {@code nonce} are required; online each given one must equal the node's.
     */
    public record GivenFacts(BigInteger chainId, String safeVersion, List<Address> owners, Integer threshold) {
        public static final GivenFacts NONE = new GivenFacts(null, null, null, null);

        /**
         * The Safe's facts as given offline (no node asked), checked the same way for every
         * command that takes them ({@code safe propose}, {@code safe import}, {@code safe approve},
         * the console's import): each missing fact named, the threshold between 1 and the
         * number of owners, no owner twice.
         *
         * @param command the command, for the message (e.g. {@code propose})
         * @param safe the Safe the facts are of
         * @param thresholdOption the option that gives the Safe's current threshold
         *     ({@code --threshold}; {@code --safe-threshold} when {@code --threshold} is a new one)
         * @param nonce the Safe's nonce, or null
         * @param nonceRequired whether a missing nonce is named with the missing facts
         * @return the facts, with {@code nonce} as the Safe's nonce
         * @throws CountersignException.Usage naming every missing fact, or what is inconsistent
         */
        public SafeProposer.SafeFacts offline(String command, Address safe, String thresholdOption, BigInteger nonce,
                boolean nonceRequired) {
            List<String> missing = new ArrayList<>();
            if (chainId == null) {
                missing.add("--chain-id");
            }
            if (safeVersion == null) {
                missing.add("--safe-version");
            }
            if (owners == null || owners.isEmpty()) {
                missing.add("--owners");
            }
            if (threshold == null) {
                missing.add(thresholdOption);
            }
            if (nonceRequired && nonce == null) {
                missing.add("--nonce");
            }
            if (!missing.isEmpty()) {
                throw new CountersignException.Usage("offline (or without --rpc), " + command + " reads no facts of Safe " + safe
                        + " from a node: give " + String.join(", ", missing) + ", or give --rpc URL to read them from the chain");
            }
            if (threshold < 1 || threshold > owners.size()) {
                throw new CountersignException.Usage(thresholdOption + " " + threshold + " is not between 1 and the " + owners.size()
                        + " owners");
            }
            if (new HashSet<>(owners).size() != owners.size()) {
                throw new CountersignException.Usage("--owners lists an owner twice");
            }
            return new SafeProposer.SafeFacts(chainId, safe, SafeVersion.parse(safeVersion), owners, threshold, nonce);
        }
    }

    /** What the caller asks for. {@code nonce}, {@code safeTxHash}, {@code multiSend} and {@code out} may be null. */
    public record Request(Path file, Address safe, GivenFacts facts, BigInteger nonce, String safeTxHash, Address multiSend,
            Path out) {}

    /** The import and where it was written. */
    public record Result(SafeImport.Imported imported, Path written) {}

    /**
     * Imports, writes and journals.
     *
     * @throws CountersignException.Usage if offline facts are missing or the file cannot be read
     * @throws CountersignException.Refused if a given fact contradicts the node, or the nonce is below the Safe's
     * @throws EthException.InvalidInputException if the file is refused (see {@link SafeImport#importJson})
     */
    public Result importFile(Request req) {
        String json;
        try {
            json = JsonErrors.utf8(req.file().getFileName().toString(), Files.readAllBytes(req.file()));
        } catch (IOException e) {
            throw new CountersignException.Usage("cannot read " + req.file() + ": " + e.getMessage());
        }
        SafeProposer proposer = new SafeProposer(ctx);
        SafeProposer.SafeFacts facts = ctx.rpcIfOnline().isPresent() ? online(proposer, req) : offline(req);
        Address ms = req.multiSend() != null ? req.multiSend() : SafeProposer.defaultMultiSend(facts.version());
        boolean batch = json.contains("\"transactions\"");
        BigInteger nonce = req.nonce();
        if (batch && nonce == null && ctx.rpcIfOnline().isPresent()) {
            nonce = proposer.nextFreeNonce(facts);
        }
        if (nonce != null && facts.safeNonce() != null && nonce.compareTo(facts.safeNonce()) < 0) {
            throw new CountersignException.Refused("nonce " + nonce + " is below Safe " + facts.safe() + "'s current nonce "
                    + facts.safeNonce() + ": that nonce was already used");
        }
        SafeImport.Imported imported;
        try {
            imported = SafeImport.importJson(json, new SafeImport.Target(facts.chainId(), facts.safe(), facts.version(), nonce,
                    facts.owners(), facts.threshold(), ms), req.safeTxHash());
        } catch (EthException.InvalidInputException e) {
            throw new EthException.InvalidInputException(req.file().getFileName() + ": " + e.getMessage());
        }
        SafeRequest r = imported.request();
        Path target = req.out() != null ? req.out() : ctx.requestsDir().resolve("safe-" + r.safe().toString().substring(2, 10).toLowerCase()
                + "-nonce-" + r.tx().nonce() + "-" + r.hashes().safeTxHashHex().substring(2, 10) + ".json");
        RequestFile.write(r, target);
        Map<String, Object> payload = SafeSigningSession.requestPayload(r, target);
        payload.put("importedFrom", req.file().getFileName().toString());
        payload.put("importSource", imported.source().id());
        if (imported.checksumValid() != null) {
            payload.put("checksumValid", imported.checksumValid());
        }
        if (!imported.warnings().isEmpty()) {
            payload.put("warnings", imported.warnings());
        }
        ctx.journal().append(EntryKind.REQUEST, payload);
        return new Result(imported, target);
    }

    /** The nonce is asked later, and only for a Transaction Builder batch. */
    private static SafeProposer.SafeFacts offline(Request req) {
        return req.facts().offline("import", req.safe(), "--threshold", null, false);
    }

    private static SafeProposer.SafeFacts online(SafeProposer proposer, Request req) {
        SafeProposer.SafeFacts node = proposer.facts(req.safe());
        GivenFacts f = req.facts();
        if (f.chainId() != null && !f.chainId().equals(node.chainId())) {
            throw mismatch("--chain-id", f.chainId().toString(), node.chainId().toString());
        }
        SafeVersion given = f.safeVersion() == null ? null : SafeVersion.parse(f.safeVersion());
        if (given != null && (given.major() != node.version().major() || given.minor() != node.version().minor()
                || given.patch() != node.version().patch())) {
            throw mismatch("--safe-version", f.safeVersion(), node.version().text());
        }
        if (f.owners() != null && !new HashSet<>(f.owners()).equals(new HashSet<>(node.owners()))) {
            throw mismatch("--owners", f.owners().toString(), node.owners().toString());
        }
        if (f.threshold() != null && f.threshold() != node.threshold()) {
            throw mismatch("--threshold", f.threshold().toString(), Integer.toString(node.threshold()));
        }
        return node;
    }

    private static CountersignException.Refused mismatch(String option, String given, String node) {
        return new CountersignException.Refused(option + " " + given + " does not match the node, which says " + node
                + ": check the Safe address and the node, or drop the option");
    }
}
