package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.intent.DecoderRegistry;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.TokenRegistry;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.util.List;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.journal.AuditJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What every command and the console share: the data folder (journal, policy, request queue),
 * the network switch, and lazily created services. Nothing opens a connection, a journal or a
 * device until a step needs it, so {@code safe hash} loads none of them.
 */
public final class AppContext implements AutoCloseable {
    private final Path dataDir;
    private final boolean offline;
    private final String rpcUrl;
    private final boolean devMode;
    private final boolean allowEmulator;
    private final Map<String, String> env;
    private volatile boolean allowBlind;
    private AuditJournal journal;
    private EthRpc rpc;
    private PolicyStep policy;
    private final SimulationCache simulations = new SimulationCache();

    /**
     * @param rpcUrl the JSON-RPC endpoint, or {@code null}
     * @param devMode run without a signed policy (explicit; the console shows a red banner)
     */
    public AppContext(Path dataDir, boolean offline, String rpcUrl, boolean devMode, Map<String, String> env) {
        this(dataDir, offline, rpcUrl, devMode, false, env);
    }

    /**
     * @param allowEmulator allow the development signers (emulators, recordings) with the policy
     *     still enforced ({@code --allow-emulator}); dev mode allows them too
     */
    public AppContext(Path dataDir, boolean offline, String rpcUrl, boolean devMode, boolean allowEmulator,
            Map<String, String> env) {
        this.dataDir = dataDir.toAbsolutePath();
        this.offline = offline;
        this.rpcUrl = rpcUrl;
        this.devMode = devMode;
        this.allowEmulator = allowEmulator;
        this.env = Map.copyOf(env);
    }

    /** The simulations this session has run, reused at the same block ({@link SafeSimulations#runCached}). */
    public SimulationCache simulations() {
        return simulations;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The request queue the console opens on: {@code DATA_DIR/requests}. */
    public Path requestsDir() {
        return ensure(dataDir.resolve("requests"));
    }

    public boolean offline() {
        return offline;
    }

    public boolean devMode() {
        return devMode;
    }

    /** The node's URL as given ({@code --rpc} or the settings), whether or not the context is offline; or {@code null}. */
    public String rpcUrl() {
        return rpcUrl;
    }

    /**
     * A new context with the same flags ({@code --dev-mode}, {@code --allow-emulator},
     * {@code --allow-blind}, environment) on another data folder, network switch or node: the
     * console's Settings and offline switch reopen the window on it. This one stays open; the
     * caller closes it.
     */
    public AppContext reopen(Path dataDir, boolean offline, String rpcUrl) {
        AppContext next = new AppContext(dataDir, offline, rpcUrl, devMode, allowEmulator, env);
        next.allowBlind(allowBlind);
        return next;
    }

    /**
     * Whether {@code speculos:}, {@code trezor-emu:} and {@code ledger-replay:} may be opened:
     * only with {@code --allow-emulator} (policy enforced) or {@code --dev-mode}.
     */
    public boolean developmentSignersAllowed() {
        return devMode || allowEmulator;
    }

    /**
     * Whether hash-only signing is permitted ({@code --allow-blind}; the console asks instead):
     * {@code --method eth_sign}, hashed EIP-712 on a Ledger app without clear signing, a Trezor
     * One's typed-data hashes, {@code typed-data sign --domain-hash}.
     */
    public boolean allowBlind() {
        return allowBlind;
    }

    /** Sets {@link #allowBlind()} (the command line's flag, or the console after the officer confirmed). */
    public void allowBlind(boolean allowed) {
        this.allowBlind = allowed;
    }

    public Map<String, String> env() {
        return env;
    }

    /** The journal at {@code DATA_DIR/journal.sqlite}, opened on first use. */
    public synchronized AuditJournal journal() {
        if (journal == null) {
            ensure(dataDir);
            journal = AuditJournal.open(dataDir.resolve("journal.sqlite"));
        }
        return journal;
    }

    /** The node, when online and an endpoint was given. */
    public synchronized Optional<EthRpc> rpcIfOnline() {
        if (offline || rpcUrl == null || rpcUrl.isBlank()) {
            return Optional.empty();
        }
        if (rpc == null) {
            rpc = EthRpc.connect(rpcUrl);
        }
        return Optional.of(rpc);
    }

    /**
     * The node, required.
     *
     * @throws CountersignException.Usage in offline mode or without {@code --rpc}
     */
    public EthRpc rpc(String forWhat) {
        if (offline) {
            throw new CountersignException.Usage(forWhat + " needs the chain, and --offline forbids network access");
        }
        return rpcIfOnline().orElseThrow(() -> new CountersignException.Usage(forWhat + " needs a node: give --rpc URL"));
    }

    /** The policy step: dev mode, or the installed signed policy (fail closed without one). */
    public synchronized PolicyStep policy() {
        if (policy == null) {
            policy = devMode ? new DevModePolicy() : PolicySteps.installed(this);
        }
        return policy;
    }

    /** Replaces the policy step (tests, and the console after an install). */
    public synchronized void policy(PolicyStep step) {
        this.policy = step;
    }

    /** The calldata decoders: ERC-20, Safe self-calls, MultiSend legs, timelocks. */
    public DecoderRegistry decoders() {
        return Decoders.standard();
    }

    /**
     * A call decoded into intents, never empty.
     *
     * @param safe the Safe performing the call (for self-calls), or {@code null}
     */
    public List<Intent> decode(Call call, BigInteger chainId, Address safe) {
        return decoders().decode(call, chainId, safe, TokenRegistry.empty());
    }

    /**
     * A Safe request's transaction decoded into intents (each MultiSend leg, timelock inner call),
     * and its gas refund when {@code gasPrice} is non-zero.
     */
    public List<Intent> decode(SafeRequest request) {
        return io.countersign.multisig.decode.SafeDecoders.intents(request.tx(), request.chainId(), request.safe(),
                decoders(), TokenRegistry.empty());
    }

    private static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }
}
