package io.countersign.eth.devchain;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.rpc.EthRpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A local development chain: a real anvil node (from the npm package {@code @foundry-rs/anvil},
 * installed under {@code testchain/node_modules}) on 127.0.0.1 and a free port. Used by
 * {@code countersign demo} and by the integration tests; never by a treasury workstation. Its ten dev accounts come from anvil's default mnemonic
 * {@link #MNEMONIC} and are unlocked for {@code eth_sendTransaction}.
 */
public final class Anvil implements AutoCloseable {
    /** anvil's default dev mnemonic. */
    public static final String MNEMONIC = "test test test test test test test test test test test junk";
    public static final BigInteger CHAIN_ID = BigInteger.valueOf(31337);

    private final Process process;
    private final String url;
    private final EthRpc rpc;
    private final Artifacts artifacts;
    private volatile Thread stopOnExit;

    private Anvil(Process process, String url, Artifacts artifacts) {
        this.process = process;
        this.url = url;
        this.rpc = EthRpc.connect(url);
        this.artifacts = artifacts;
    }

    /**
     * Starts anvil and waits until it answers {@code eth_chainId}.
     *
     * @param nodeModules the {@code node_modules} folder holding {@code @foundry-rs/anvil-*}
     *     and the contract artifacts
     * @throws IllegalStateException if the binary is missing or anvil does not start in 30 s
     */
    public static Anvil start(Path nodeModules) {
        return start(nodeModules, false);
    }

    /**
     * Starts anvil as {@link #start(Path)} does; with {@code stopOnExit} it is also stopped when
     * this JVM ends by any path that runs shutdown hooks ({@code System.exit}, the end of
     * {@code main}, SIGTERM, SIGINT, SIGHUP), not only by {@link #close()}. The hook is in place
     * before the first RPC call, so a signal during start-up leaves no anvil behind either. Only
     * SIGKILL of this JVM can still orphan the node (nothing in the JVM runs then).
     */
    public static Anvil start(Path nodeModules, boolean stopOnExit) {
        Path binary = binary(nodeModules);
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--chain-id", CHAIN_ID.toString(), "--silent", "--code-size-limit", "100000")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start anvil at " + binary, e);
        }
        Anvil anvil = new Anvil(process, "http://127.0.0.1:" + port, new Artifacts(nodeModules));
        if (stopOnExit) {
            Thread hook = new Thread(anvil::stopProcess, "anvil-stop-on-exit");
            anvil.stopOnExit = hook;
            Runtime.getRuntime().addShutdownHook(hook);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                anvil.rpc.chainId();
                return anvil;
            } catch (RuntimeException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    anvil.close();
                    throw new IllegalStateException("anvil did not start on port " + port, e);
                }
                sleep(100);
            }
        }
    }

    /** The anvil binary shipped in the platform package {@code @foundry-rs/anvil-<os>-<arch>}. */
    public static Path binary(Path nodeModules) {
        Path foundry = nodeModules.resolve("@foundry-rs");
        try (Stream<Path> dirs = Files.list(foundry)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("anvil-"))
                    .map(d -> d.resolve("bin/anvil"))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no anvil binary under " + foundry + ": run `npm ci` in testchain/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contract artifacts beside this anvil. */
    public Artifacts artifacts() {
        return artifacts;
    }

    public String url() {
        return url;
    }

    public EthRpc rpc() {
        return rpc;
    }

    /** anvil's unlocked dev accounts, in order. */
    public List<Address> accounts() {
        List<Address> out = new ArrayList<>();
        for (JsonNode a : rpc.client().call("eth_accounts")) {
            out.add(Address.parse(a.asText()));
        }
        return out;
    }

    /** Deploys creation code (constructor arguments appended) from an unlocked account. */
    public Address deploy(Address from, byte[] creationCode) {
        EthRpc.Receipt receipt = send(from, null, BigInteger.ZERO, creationCode);
        return receipt.contractAddress();
    }

    /**
     * Sends a transaction from an unlocked account and waits for it; fails if it reverts.
     *
     * @param to {@code null} for contract creation
     */
    public EthRpc.Receipt send(Address from, Address to, BigInteger value, byte[] data) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", from.toLowerHex());
        if (to != null) {
            tx.put("to", to.toLowerHex());
        }
        tx.put("value", "0x" + value.toString(16));
        tx.put("data", Hex.encode(data));
        tx.put("gas", "0x" + Long.toHexString(15_000_000));
        byte[] hash = Hex.decode(rpc.client().call("eth_sendTransaction", tx).asText(), "tx hash");
        EthRpc.Receipt receipt = rpc.waitForReceipt(hash, Duration.ofSeconds(30));
        if (!receipt.success()) {
            throw new IllegalStateException("transaction from " + from + " to " + to + " reverted");
        }
        return receipt;
    }

    /** Moves chain time forward and mines a block (anvil's {@code evm_increaseTime}, {@code evm_mine}). */
    public void increaseTime(long seconds) {
        rpc.client().call("evm_increaseTime", seconds);
        rpc.client().call("evm_mine");
    }

    /** Sets an account's balance (anvil's {@code anvil_setBalance}), wei. */
    public void setBalance(Address account, BigInteger wei) {
        rpc.client().call("anvil_setBalance", account.toLowerHex(), "0x" + wei.toString(16));
    }

    /** Stops the node (SIGTERM, then SIGKILL after 5 s) and drops the exit hook, if any. Idempotent. */
    @Override
    public void close() {
        Thread hook = stopOnExit;
        if (hook != null) {
            stopOnExit = null;
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to run: it stops the node itself
            }
        }
        stopProcess();
    }

    /** The process id of the anvil node (tests check it is gone). */
    public long pid() {
        return process.pid();
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
