package io.countersign.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy decides before any device is opened: with no policy installed and no Ledger attached,
 * every command that signs, given {@code --signer ledger}, exits 3 with the policy's reason, not 5
 * "no Ledger is connected" (an officer would otherwise plug in and unlock a device for a request that
 * was never going to be signed). Offline, no chain. The control: {@code address --signer ledger},
 * which needs the device and no policy, does reach the device layer and exits 5 here.
 */
class DecideBeforeDeviceCliTest {
    @TempDir
    Path dir;

    static void deniedByPolicy(CliRunner.Result r) {
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("no signed policy is installed"), r.err());
        assertTrue(!r.err().contains("no Ledger"), r.err());
    }

    @Test
    void everySigningCommandIsDecidedBeforeTheDeviceIsOpened() {
        Path data = dir.resolve("data");
        CliRunner cli = new CliRunner(data).global("--offline");
        Path req = dir.resolve("pay.json");
        List<String> owners = List.of("0x000000000000000000000000000000000000a0a0", "0x000000000000000000000000000000000000a0a1");
        CliRunner.Result p = cli.run("safe", "propose", "--safe", "0x1111111111111111111111111111111111111111", "--to",
                "0x000000000000000000000000000000000000b0b0", "--value", "1", "--chain-id", "31337", "--safe-version", "1.4.1",
                "--owners", String.join(",", owners), "--threshold", "2", "--nonce", "0", "--out", req.toString());
        assertEquals(0, p.code(), p.toString());

        deniedByPolicy(cli.run("safe", "sign", req.toString(), "--signer", "ledger"));
        deniedByPolicy(cli.run("tx", "sign", "--to", "0x000000000000000000000000000000000000b0b0", "--value", "1",
                "--nonce", "0", "--gas", "21000", "--max-fee", "1000000000", "--max-priority-fee", "1", "--chain-id", "31337",
                "--signer", "ledger"));
        deniedByPolicy(cli.run("message", "sign", "--text", "hello", "--signer", "ledger"));
        deniedByPolicy(cli.run("typed-data", "sign", "--domain-hash", "0x" + "11".repeat(32), "--message-hash",
                "0x" + "22".repeat(32), "--allow-blind", "--signer", "ledger"));

        CliRunner.Result control = cli.run("address", "--signer", "ledger");
        assertEquals(5, control.code(), "control: without a Ledger the device layer answers 5\n" + control);
    }
}
