package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Hex;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.SignerException;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeSignature;
import io.countersign.multisig.SafeSignatures;
import io.countersign.multisig.SafeState;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 8 of the pipeline: once the threshold is met, builds {@code execTransaction} with the
 * sorted, packed signatures, simulates it with {@code eth_call}, and only then signs and
 * broadcasts the executor's transaction (EIP-1559). A request that would fail on chain is
 * refused before anything is broadcast.
 */
public final class SafeExecutor {
    /** keccak256("ExecutionSuccess(bytes32,uint256)"), Safe 1.3.0+. */
    static final byte[] EXECUTION_SUCCESS = Hex.decode("0x442e715f626346e8c54381002da614f62bee8d27386535b2521ec8540898556e", "topic");
    private final AppContext ctx;
    private final SessionListener listener;

    public SafeExecutor(AppContext ctx, SessionListener listener) {
        this.ctx = ctx;
        this.listener = listener;
    }

    /** A broadcast execution and whether the Safe reported success. */
    public record Executed(byte[] txHash, boolean success, BigInteger blockNumber) {}

    /**
     * Checks the request against the Safe's current state and returns the execTransaction
     * calldata: every signer an owner, at least {@code threshold} signatures, nonce the Safe's
     * next one.
     *
     * @throws CountersignException.Refused with the reason, naming the numbers compared
     */
    public static byte[] calldata(SafeRequest request, List<Address> owners, int threshold, BigInteger safeNonce) {
        for (SafeSignature s : request.signatures()) {
            if (!owners.contains(s.signer())) {
                throw new CountersignException.Refused("signature of " + s.signer() + " is not from an owner of Safe "
                        + request.safe() + "; remove it or collect an owner's instead");
            }
        }
        if (request.signatures().size() < threshold) {
            throw new CountersignException.Refused("the request has " + request.signatures().size() + " of " + threshold
                    + " required signatures; collect " + (threshold - request.signatures().size()) + " more and merge them");
        }
        if (safeNonce != null && !request.tx().nonce().equals(safeNonce)) {
            throw new CountersignException.Refused(request.tx().nonce().compareTo(safeNonce) < 0
                    ? "the request's nonce " + request.tx().nonce() + " was already used (the Safe is at " + safeNonce + ")"
                    : "the request's nonce " + request.tx().nonce() + " is not next: the Safe is at nonce " + safeNonce
                            + "; execute the earlier requests first");
        }
        return SafeAbi.execTransaction(request.tx(), SafeSignatures.pack(request.signatures()));
    }

    /**
     * Executes the request in {@code requestFile}. An owner whose approval the chain holds
     * ({@code approvedHashes(owner, safeTxHash)} non-zero, e.g. a parent Safe that executed
     * {@code approveHash}, see {@link NestedApproval}) counts with an approved-hash signature.
     *
     * @throws CountersignException.Refused if the checks or the simulation fail (nothing is broadcast)
     */
    public Executed execute(Path requestFile, Signer executor) {
        SafeRequest fromFile = RequestFile.read(requestFile);
        EthRpc rpc = ctx.rpc("safe exec");
        SafeState state = ChainCheck.readSafe(rpc, fromFile, "nothing was broadcast");
        OnlineSafeChecks.requireSameVersion(fromFile, state, "nothing was broadcast");
        SafeRequest request = NestedApproval.withOnChainApprovals(rpc, fromFile, state.owners(), listener::notice);
        byte[] data = calldata(request, state.owners(), state.threshold(), state.nonce());
        gate(request, state.owners(), "execute", "nothing was broadcast");
        Address from = executor.address();
        simulate(rpc, from, request.safe(), data);
        BigInteger gas = rpc.estimateGas(from, request.safe(), BigInteger.ZERO, data);
        gas = gas.add(gas.divide(BigInteger.valueOf(4))).add(BigInteger.valueOf(20_000));
        BigInteger priority = rpc.maxPriorityFeePerGas();
        BigInteger maxFee = rpc.baseFeePerGas().shiftLeft(1).add(priority);
        requireFunds(from, rpc.balance(from), gas, maxFee, BigInteger.ZERO);
        EthTransaction tx = EthTransaction.eip1559(request.chainId(), rpc.transactionCount(from), gas, request.safe(),
                BigInteger.ZERO, data, priority, maxFee);
        listener.confirmOnDevice("transaction to Safe " + request.safe() + " (execTransaction of "
                + io.countersign.multisig.SafeTxFields.oneLine(request.tx(), request.safeVersion())
                + ") from " + from + ", max fee " + maxFee + " wei/gas");
        SignedTransaction signed;
        try {
            signed = executor.signTransaction(tx);
        } catch (SignerException e) {
            throw DeviceErrors.translate(e);
        }
        Signers.release(executor);
        byte[] hash = rpc.sendRawTransaction(signed.raw());
        EthRpc.Receipt receipt = rpc.waitForReceipt(hash, Duration.ofMinutes(5));
        boolean success = receipt.success() && receipt.logs().stream().anyMatch(l -> l.address().equals(request.safe())
                && !l.topics().isEmpty() && java.util.Arrays.equals(l.topics().getFirst(), EXECUTION_SUCCESS));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("safeTxHash", request.hashes().safeTxHashHex());
        payload.put("txHash", Hex.encode(hash));
        payload.put("success", success);
        payload.put("executor", from.toString());
        payload.put("blockNumber", receipt.blockNumber().toString());
        ctx.journal().append(EntryKind.BROADCAST, payload);
        return new Executed(hash, success, receipt.blockNumber());
    }

    /**
     * What an execution will cost at most, for the officer to confirm before any signer is asked:
     * the same checks, simulation and gas limit as {@link #execute} (estimate + 25% + 20,000),
     * simulated from the zero address (anyone may call execTransaction), fees from the node now.
     *
     * @param gasLimit gas units; @param maxFeePerGas and @param maxPriorityFeePerGas wei per gas
     */
    public record Quote(BigInteger gasLimit, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
        /** {@code gasLimit × maxFeePerGas}: the most the executor can pay, in wei. */
        public BigInteger maxCost() {
            return gasLimit.multiply(maxFeePerGas);
        }
    }

    /**
     * @throws CountersignException.Refused when the checks or the simulation fail (as {@link #execute})
     */
    public Quote quote(Path requestFile) {
        SafeRequest fromFile = RequestFile.read(requestFile);
        EthRpc rpc = ctx.rpc("safe exec");
        SafeState state = ChainCheck.readSafe(rpc, fromFile, "nothing was broadcast");
        OnlineSafeChecks.requireSameVersion(fromFile, state, "nothing was broadcast");
        // the same signatures execute() will send: a parent Safe's on-chain approval counts here too
        SafeRequest request = NestedApproval.withOnChainApprovals(rpc, fromFile, state.owners(), line -> { });
        byte[] data = calldata(request, state.owners(), state.threshold(), state.nonce());
        simulate(rpc, Address.ZERO, request.safe(), data);
        BigInteger gas = rpc.estimateGas(Address.ZERO, request.safe(), BigInteger.ZERO, data);
        gas = gas.add(gas.divide(BigInteger.valueOf(4))).add(BigInteger.valueOf(20_000));
        BigInteger priority = rpc.maxPriorityFeePerGas();
        return new Quote(gas, rpc.baseFeePerGas().shiftLeft(1).add(priority), priority);
    }

    /**
     * The executor must hold what the transaction may cost at most, checked before the device is
     * asked: {@code gas × maxFeePerGas + value} (EIP-1559: the sender must cover the gas limit at
     * the max fee, whatever the block's base fee turns out to be).
     *
     * @param balance the executor's balance in wei ({@code eth_getBalance}, latest block)
     * @param gas the transaction's gas limit
     * @param maxFee max fee per gas in wei
     * @param value the wei the transaction carries
     * @throws CountersignException.Refused naming the account, what it holds, what it needs and the shortfall
     */
    static void requireFunds(Address executor, BigInteger balance, BigInteger gas, BigInteger maxFee, BigInteger value) {
        BigInteger need = gas.multiply(maxFee).add(value);
        if (balance.compareTo(need) < 0) {
            throw new CountersignException.Refused("the executor " + executor + " holds " + balance + " wei but the execution may cost "
                    + need + " wei (gas " + gas + " × max fee " + maxFee + " wei/gas + value " + value + " wei): short by "
                    + need.subtract(balance) + " wei; fund " + executor + " or execute from another account; nothing was signed or broadcast");
        }
    }

    /**
     * {@code safe calldata}: the execTransaction calldata for a broadcaster, after the same checks
     * and the same policy decision as {@link #execute} (journalled with step {@code calldata}).
     * Online the Safe's chain, version, owners, threshold and nonce come from the node; offline
     * from the request file (when it lists no owners, no signature counts as an approval).
     * Online, an owner whose approval the chain holds ({@code approvedHashes}) gains an
     * approved-hash signature in the calldata, as in {@link #execute}.
     *
     * @param request as read from the request file once (the caller prints from the same copy)
     * @throws CountersignException.PolicyDenied unless the policy allows execution (no calldata is returned)
     * @throws CountersignException.Refused on a wrong chain or version, too few or foreign signatures, a used nonce
     */
    public byte[] calldataThroughGate(SafeRequest request) {
        var rpc = ctx.rpcIfOnline();
        List<Address> owners;
        byte[] data;
        if (rpc.isPresent()) {
            SafeState state = ChainCheck.readSafe(rpc.get(), request, "no calldata was made");
            OnlineSafeChecks.requireSameVersion(request, state, "no calldata was made");
            owners = state.owners();
            request = NestedApproval.withOnChainApprovals(rpc.get(), request, owners, listener::notice);
            data = calldata(request, owners, state.threshold(), state.nonce());
        } else if (!request.owners().isEmpty()) {
            owners = request.owners();
            data = calldata(request, owners, request.threshold(), null);
        } else {
            owners = List.of();
            data = SafeAbi.execTransaction(request.tx(), SafeSignatures.pack(request.signatures()));
            listener.notice("the request does not list the owners; the signatures were not checked against them "
                    + "and count as no approval");
        }
        gate(request, owners, "calldata", "no calldata was made");
        return data;
    }

    /**
     * What a broadcaster needs to execute a request: a transaction to the Safe with no value and
     * this {@code execTransaction} calldata.
     *
     * @param to the Safe
     * @param value always 0 (execTransaction is not payable by the executor's transaction here)
     * @param data execTransaction calldata with the sorted, packed signatures
     * @param request the request as read (the signatures added from the chain are not in it)
     */
    public record ExecCalldata(io.countersign.eth.Address to, BigInteger value, byte[] data, SafeRequest request) {
        public ExecCalldata {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /**
     * {@code safe calldata} and the console's export for a broadcaster: reads {@code requestFile}
     * once and runs {@link #calldataThroughGate} on it.
     *
     * @throws CountersignException.PolicyDenied unless the policy allows execution
     * @throws CountersignException.Refused as {@link #calldataThroughGate}
     */
    public ExecCalldata calldata(Path requestFile) {
        SafeRequest request = RequestFile.read(requestFile);
        return new ExecCalldata(request.safe(), BigInteger.ZERO, calldataThroughGate(request), request);
    }

    /** The policy decision before an execution (or its calldata): only ALLOW passes; journalled either way. */
    private void gate(SafeRequest request, List<Address> owners, String step, String consequence) {
        VerifiedApprovals approvals = VerifiedApprovals.check(request, owners, ctx.rpcIfOnline());
        approvals.notes().forEach(listener::notice);
        io.countersign.policy.Decision decision = ctx.policy().evaluate(request.chainId(), request.safe(),
                request.hashes().safeTxHashHex(), ctx.decode(request), java.time.Instant.now(), approvals.count());
        String policy = ctx.policy().name();
        ctx.journal().append(EntryKind.DECISION, SafeSigningSession.decisionPayload(request, decision, policy, step, approvals));
        listener.decided(decision, policy);
        if (!(decision instanceof io.countersign.policy.Decision.Allow)) {
            throw new CountersignException.PolicyDenied("execution needs policy allow, got " + decision.word() + " ("
                    + policy + "): " + String.join("; ", DecisionLines.reasons(decision)) + "; " + consequence);
        }
    }

    private static void simulate(EthRpc rpc, Address from, Address safe, byte[] data) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("from", from.toLowerHex());
        call.put("to", safe.toLowerHex());
        call.put("data", Hex.encode(data));
        try {
            rpc.client().call("eth_call", call, "latest");
        } catch (io.countersign.eth.EthException.RpcException e) {
            throw new CountersignException.Refused("the Safe would reject this execution: " + SafeErrors.explain(e.getMessage())
                    + "; nothing was broadcast");
        }
    }
}
