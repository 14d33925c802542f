package io.countersign.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Air-gapped mode (README.md, "The command line"): with {@code --offline} no network connection is opened at all,
 * even when an RPC endpoint is configured. A listener on loopback counts every connection; the
 * same command without {@code --offline} does connect to it, so the counter is known to work.
 */
class OfflineModeTest {
    @TempDir
    Path dir;

    ServerSocket listener;
    final AtomicInteger connections = new AtomicInteger();
    Thread acceptor;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    String rpc() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    static Address owner(int i) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + i), "t").address();
    }

    @Test
    void offlineProposeHashSignCalldataAndTxSignOpenNoConnection() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("data")).env("M", Anvil.MNEMONIC).global("--offline", "--rpc", rpc(), "--dev-mode", "--json");
        Path req = dir.resolve("req.json");
        String owners = owner(5) + "," + owner(6) + "," + owner(7);
        CliRunner.Result p = cli.run("safe", "propose", "--safe", "0xEf74c0473590c8418897F6748a2dD43677d1153D", "--to", owner(8).toString(),
                "--value", "1000", "--chain-id", "1", "--safe-version", "1.4.1", "--owners", owners, "--threshold", "2", "--nonce", "4",
                "--out", req.toString());
        assertEquals(0, p.code(), p.toString());
        assertEquals(0, cli.run("safe", "hash", req.toString()).code());
        CliRunner.Result s1 = cli.run("safe", "sign", req.toString(), "--signer", "mnemonic-env:M", "--path", "m/44'/60'/0'/0/5");
        assertEquals(0, s1.code(), s1.toString());
        CliRunner.Result s2 = cli.run("safe", "sign", req.toString(), "--signer", "mnemonic-env:M", "--path", "m/44'/60'/0'/0/6");
        assertEquals(0, s2.code(), s2.toString());
        CliRunner.Result calldata = cli.run("safe", "calldata", req.toString());
        assertEquals(0, calldata.code(), calldata.toString());
        assertTrue(calldata.json().get("data").asText().startsWith("0x6a761202"), "execTransaction selector");
        CliRunner.Result tx = cli.run("tx", "sign", "--to", "0xEf74c0473590c8418897F6748a2dD43677d1153D", "--value", "0",
                "--data", calldata.json().get("data").asText(), "--nonce", "0", "--gas", "300000", "--max-fee", "30000000000",
                "--max-priority-fee", "1000000000", "--chain-id", "1", "--signer", "mnemonic-env:M");
        assertEquals(0, tx.code(), tx.toString());
        assertEquals(0, connections.get(), "no connection may be opened in --offline mode");
    }

    @Test
    void theSameCommandOnlineDoesConnectSoTheCounterWorks() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("data")).global("--rpc", rpc(), "--dev-mode", "--json");
        CliRunner.Result r = cli.run("safe", "info", "--safe", "0xEf74c0473590c8418897F6748a2dD43677d1153D");
        assertEquals(1, r.code(), r.toString());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (connections.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(connections.get() > 0, "online mode reached the listener");
    }

    @Test
    void offlineRefusesCommandsThatNeedTheChain() {
        CliRunner cli = new CliRunner(dir.resolve("data")).global("--offline", "--rpc", rpc(), "--json");
        CliRunner.Result r = cli.run("safe", "info", "--safe", "0xEf74c0473590c8418897F6748a2dD43677d1153D");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--offline forbids network access"), r.err());
        assertEquals(0, connections.get());
    }
}
