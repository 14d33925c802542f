package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.Signature;
import io.countersign.eth.Signer;
import io.countersign.eth.SignerException;
import io.countersign.eth.intent.Intent;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeHasher;
import io.countersign.multisig.SafeTxFields;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeSignature;
import io.countersign.multisig.SafeSignatures;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeTxHashes;
import io.countersign.multisig.SignatureMethod;
import io.countersign.policy.Decision;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signing pipeline of docs/architecture.md for one Safe request and one signer: read (hash checked)
 * → decode → hashes shown → chain checks (online) → policy → device → recover and verify →
 * write in place → journal. Plain Java: the CLI, the console and the tests all drive this class.
 * The signer is closed as soon as its signature is returned, before anything is written.
 *
 * <p>Nothing reaches the signer unless every earlier step passed; nothing is written unless the
 * new signature recovers to an owner of the Safe. The request file is replaced atomically, so
 * an error at any step leaves it untouched.
 */
public final class SafeSigningSession {
    private final AppContext ctx;
    private final SessionListener listener;
    private final boolean simulate;

    public SafeSigningSession(AppContext ctx, SessionListener listener) {
        this(ctx, listener, true);
    }

    private SafeSigningSession(AppContext ctx, SessionListener listener, boolean simulate) {
        this.ctx = ctx;
        this.listener = listener;
        this.simulate = simulate;
    }

    /**
     * This session, simulating online before the gate (the default, docs/simulation.md) or not
     * ({@code --no-simulate}: journalled as a SIMULATION entry that says it was skipped).
     */
    public SafeSigningSession simulating(boolean on) {
        return new SafeSigningSession(ctx, listener, on);
    }

    /** The outcome: who signed, the signature as Safe reads it, and the updated request. */
    public record Signed(Address signer, SafeSignature signature, SafeRequest request, SafeTxHashes hashes) {}

    /**
     * Runs the pipeline and adds the signature to {@code requestFile} in place.
     *
     * @throws CountersignException.Refused wrong chain, stale nonce, non-owner or duplicate
     * @throws CountersignException.PolicyDenied the gate did not allow it (no device was asked)
     * @throws CountersignException.BadSignature the signature does not recover to an owner
     * @throws CountersignException.RefusedOnDevice the holder refused on the device
     * @throws CountersignException.DeviceUnavailable no device, locked, wrong app
     */
    public Signed sign(Path requestFile, Signer signer, SignatureMethod method) {
        return sign(requestFile, signer, method, null);
    }

    /**
     * As {@link #sign(Path, Signer, SignatureMethod)}, bound to what the officer reviewed: the
     * file must still hold the request with safeTxHash {@code reviewedSafeTxHash} when it is read
     * for signing (signatures added meanwhile do not change it; any change of the transaction
     * does).
     *
     * @param reviewedSafeTxHash the {@code 0x} hex safeTxHash shown to the officer, or {@code null} for no binding
     * @throws CountersignException.Refused when the file now holds another transaction (nothing is signed)
     */
    public Signed sign(Path requestFile, Signer signer, SignatureMethod method, String reviewedSafeTxHash) {
        if (method == SignatureMethod.ETH_SIGN && !ctx.allowBlind()) {
            throw new CountersignException.Usage("--method eth_sign is blind signing: the device shows only the safeTxHash, "
                    + "never the decoded fields (to, value, data, operation, refunds); nothing was signed. Sign with EIP-712 "
                    + "(the default), or pass --allow-blind after comparing the safeTxHash from `countersign safe hash`");
        }
        SafeRequest request = RequestFile.read(requestFile);
        if (reviewedSafeTxHash != null && !reviewedSafeTxHash.equalsIgnoreCase(request.hashes().safeTxHashHex())) {
            throw new CountersignException.Refused(requestFile + " changed on disk since you reviewed it: it now holds safeTxHash "
                    + request.hashes().safeTxHashHex() + ", you reviewed " + reviewedSafeTxHash + "; nothing was signed. "
                    + "Review the request again before signing");
        }
        new JournalAnchors(ctx).requireIntact(requestFile, "nothing was signed");
        ctx.journal().append(EntryKind.REQUEST, requestPayload(request, requestFile));
        List<Intent> intents = ctx.decode(request);
        listener.decoded(request, intents);
        SafeTxHashes hashes = request.hashes();
        listener.hashes(request, hashes);

        SafeState.Snapshot snapshot = checkChain(request);
        SafeState state = snapshot == null ? null : snapshot.state();
        List<Address> owners = state == null ? request.owners() : state.owners();

        VerifiedApprovals approvals = VerifiedApprovals.check(request, owners, ctx.rpcIfOnline());
        approvals.notes().forEach(listener::notice);
        java.util.Optional<io.countersign.eth.simulation.Simulation> simulation = simulate(request, snapshot);
        io.countersign.policy.SimulationCheck.Evidence evidence = simulation
                .<io.countersign.policy.SimulationCheck.Evidence>map(io.countersign.policy.SimulationCheck.Evidence.Simulated::new)
                .orElseGet(() -> new io.countersign.policy.SimulationCheck.Evidence.NotSimulated(ctx.rpcIfOnline().isEmpty()
                        ? "offline" : simulate ? "the node could not simulate it" : "--no-simulate"));
        TestPausePoints.pass(TestPausePoints.BEFORE_DECISION);
        // journal first: decide and reserve the spend in one write transaction, so no other signing (another
        // process on the same journal) can pass a rolling limit between this decision and its reservation
        Reservation reservation = ctx.journal().inWriteTransaction(view -> {
            Decision v = ctx.policy().evaluate(request.chainId(), request.safe(), hashes.safeTxHashHex(), intents,
                    Instant.now(), approvals.count() + 1, evidence);
            Map<String, Object> decision = decisionPayload(request, v, ctx.policy().name(), "sign", approvals);
            Map<String, Object> reserved = DecisionLines.signable(v)
                    ? ctx.policy().spendRecord(v, request.chainId(), request.safe(), hashes.safeTxHashHex()) : Map.of();
            if (!reserved.isEmpty()) {
                decision.put("policySpend", reserved);
            }
            return new Reservation(v, view.append(EntryKind.DECISION, decision).sequence(), reserved);
        });
        Decision verdict = reservation.verdict();
        TestPausePoints.pass(TestPausePoints.DECISION_RESERVED);
        String policy = ctx.policy().name();
        listener.decided(verdict, policy);
        if (!DecisionLines.signable(verdict)) {
            throw new CountersignException.PolicyDenied("policy " + verdict.word() + " (" + policy + "): "
                    + String.join("; ", DecisionLines.reasons(verdict)));
        }

        SafeSignature signature;
        SafeRequest updated;
        boolean blind;
        try {
            signature = signOnDevice(request, hashes, signer, method);
            blind = method == SignatureMethod.ETH_SIGN || signer.lastTypedDataWasHashOnly();
            Signers.release(signer);
            if (!owners.isEmpty() && !owners.contains(signature.signer())) {
                throw new CountersignException.BadSignature("the signature recovers to " + signature.signer()
                        + ", which is not an owner of Safe " + request.safe() + " (owners: " + owners + "); nothing was written");
            }
            try {
                updated = request.withSignature(signature);
                if (simulation.isPresent()) {
                    updated = SafeSimulations.withMeta(updated, simulation.get(), signature.signer().toString(), Instant.now());
                }
            } catch (io.countersign.eth.EthException e) {
                throw new CountersignException.Refused(e.getMessage() + "; nothing was written");
            }
        } catch (RuntimeException | Error failure) {
            release(reservation, hashes, failure);
            throw failure;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("safeTxHash", hashes.safeTxHashHex());
        payload.put("signer", signature.signer().toString());
        payload.put("method", signature.method().id());
        payload.put("signerLabel", signer.label());
        payload.put("blind", blind);
        if (!reservation.spend().isEmpty()) {
            payload.put("policySpend", reservation.spend());
            payload.put("reservation", reservation.sequence());
        }
        // the SIGNATURE entry is committed before the file holds the signature: a crash in between leaves the
        // spend counted and the file unsigned, never a signed file whose spend the limits do not see
        io.countersign.journal.JournalEntry signatureEntry = ctx.journal().append(EntryKind.SIGNATURE, payload);
        TestPausePoints.pass(TestPausePoints.SIGNATURE_JOURNALLED);
        // the one (atomic, fsynced) write of the file records the journal's head after its SIGNATURE entry:
        // a journal cut back before it fails verification
        updated = new JournalAnchors(ctx).recordInRequest(updated, requestFile, signatureEntry);
        return new Signed(signature.signer(), signature, updated, hashes);
    }

    /**
     * Online and simulating: simulates the request and tells the listener (a node that cannot
     * simulate refuses the signing when a policy is enforced, else is a notice). Offline: shows
     * the simulation the file carries, if any. Not simulating: journals that.
     */
    private java.util.Optional<io.countersign.eth.simulation.Simulation> simulate(SafeRequest request,
            SafeState.Snapshot state) {
        if (state == null) {
            try {
                SafeSimulations.carried(request).ifPresent(c -> listener.carriedSimulation(request, c));
            } catch (io.countersign.eth.EthException e) {
                listener.notice("the request file's simulation cannot be read, so it is not shown: " + e.getMessage());
            }
            return java.util.Optional.empty();
        }
        if (!simulate) {
            SafeSimulations.journalSkipped(ctx, request, "--no-simulate");
            listener.notice("not simulated (--no-simulate): the gate checks the decoded calls only");
            return java.util.Optional.empty();
        }
        try {
            var s = SafeSimulations.run(ctx, request, state, io.countersign.eth.simulation.NodeSimulator.METHODS);
            listener.simulated(request, s);
            return java.util.Optional.of(s);
        } catch (CountersignException.Refused e) {
            if (ctx.policy().enforcing()) {
                throw new CountersignException.Refused(e.getMessage() + "; nothing was signed (sign with --no-simulate to "
                        + "skip the simulation; that is journalled)");
            }
            listener.notice(e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /** The sign-step decision and the spend it reserved (empty when the policy records none) at journal {@code sequence}. */
    private record Reservation(Decision verdict, long sequence, Map<String, Object> spend) {}

    /** Appends the RELEASE entry that stops {@code reservation} counting; a journal failure here is added to {@code failure}. */
    private void release(Reservation reservation, SafeTxHashes hashes, Throwable failure) {
        if (reservation.spend().isEmpty()) {
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("safeTxHash", hashes.safeTxHashHex());
        p.put("reservation", reservation.sequence());
        p.put("reason", String.valueOf(failure.getMessage()));
        try {
            ctx.journal().append(EntryKind.RELEASE, p);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Online: the node is on the request's chain, the nonce is not stale; returns the Safe's state
     * (its owners are the ones to check against). Offline: null, and the request must list its owners.
     */
    private SafeState.Snapshot checkChain(SafeRequest request) {
        var rpc = ctx.rpcIfOnline();
        if (rpc.isEmpty()) {
            if (request.owners().isEmpty()) {
                throw new CountersignException.Refused("the request does not list Safe " + request.safe()
                        + "'s owners and no node is available (--offline or no --rpc), so a signature's owner cannot be "
                        + "checked: re-export the request with `countersign safe propose` or `safe import` while online");
            }
            return null;
        }
        // the block number comes in the same round trip as the state: the simulation then asks for no other
        SafeState.Snapshot snapshot = ChainCheck.readSafeLatest(rpc.get(), request, "nothing was signed");
        SafeState state = snapshot.state();
        OnlineSafeChecks.requireSameVersion(request, state, "nothing was signed");
        if (request.tx().nonce().compareTo(state.nonce()) < 0) {
            throw new CountersignException.Refused("the request's nonce " + request.tx().nonce() + " is below Safe "
                    + request.safe() + "'s current nonce " + state.nonce() + ": it was executed or replaced; nothing was signed");
        }
        return snapshot;
    }

    private SafeSignature signOnDevice(SafeRequest request, SafeTxHashes hashes, Signer signer, SignatureMethod method) {
        byte[] safeTxHash = hashes.safeTxHash();
        try {
            return switch (method) {
                case EIP712 -> {
                    listener.confirmOnDevice("EIP-712 SafeTx for Safe " + request.safe() + " on " + request.chainName()
                            + ": " + SafeTxFields.oneLine(request.tx(), request.safeVersion()) + "; domain hash "
                            + Hex.encode(hashes.domainHash()) + ", message hash " + Hex.encode(hashes.messageHash()));
                    Signature sig = signer.signTypedData(SafeHasher.typedData(request.chainId(), request.safe(),
                            request.safeVersion(), request.tx()));
                    yield SafeSignatures.read(sig.normalizeV().toBytes(), safeTxHash);
                }
                case ETH_SIGN -> {
                    listener.confirmOnDevice("message (personal_sign) of the safeTxHash " + hashes.safeTxHashHex());
                    Signature sig = signer.signPersonalMessage(safeTxHash);
                    yield SafeSignatures.read(SafeSignatures.toEthSign(sig).toBytes(), safeTxHash);
                }
                default -> throw new CountersignException.Usage("a device signs with --method eip712 or eth_sign, not " + method.id());
            };
        } catch (SignerException e) {
            throw DeviceErrors.translate(e);
        }
    }

    /** The REQUEST journal entry for a request file. */
    public static Map<String, Object> requestPayload(SafeRequest r, Path file) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("safeTxHash", r.hashes().safeTxHashHex());
        p.put("chainId", r.chainId().toString());
        p.put("safe", r.safe().toString());
        p.put("nonce", r.tx().nonce().toString());
        p.put("to", r.tx().to().toString());
        p.put("value", r.tx().value().toString());
        p.put("operation", r.tx().operation().name());
        p.put("description", r.description());
        p.put("file", file.toAbsolutePath().toString());
        return p;
    }

    /**
     * The DECISION journal entry.
     *
     * @param policy which policy decided ({@link PolicyStep#name()})
     * @param step {@code sign} (before a device is asked) or {@code execute} (before a broadcast)
     */
    static Map<String, Object> decisionPayload(SafeRequest r, Decision v, String policy, String step) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("safeTxHash", r.hashes().safeTxHashHex());
        p.put("step", step);
        p.put("decision", v.word());
        p.put("policy", policy);
        p.put("reasons", DecisionLines.reasons(v));
        return p;
    }

    /**
     * As {@link #decisionPayload(SafeRequest, Decision, String, String)}, with the request file's
     * signatures that were verified as approvals and a note for each one that was not.
     */
    static Map<String, Object> decisionPayload(SafeRequest r, Decision v, String policy, String step,
            VerifiedApprovals approvals) {
        Map<String, Object> p = decisionPayload(r, v, policy, step);
        p.put("approvals", approvals.journalField());
        return p;
    }
}
