package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.ETH;
import static io.countersign.app.policy.PolicyTestbed.policyYaml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.devchain.Anvil;
import io.countersign.hw.ledger.EmulatedSpeculos;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate sits before the device (docs/architecture.md, "Invariants"). With a signed policy installed, a denied request sends
 * zero bytes to an emulated Ledger (Speculos APDU socket, owner 5's key): the emulator receives no
 * APDU and the {@code --record} file holds no exchange. An allowed request through the same
 * device and recorder does reach it, so both observers are known to work.
 */
class DeniedRequestTouchesNoDeviceTest {
    @TempDir
    Path dir;

    static long exchanges(Path recording) throws Exception {
        return Files.exists(recording) ? Files.readAllLines(recording).stream().filter(l -> l.startsWith("=>")).count() : 0;
    }

    @Test
    void aDeniedRequestSendsNothingToTheDeviceAndAnAllowedOneDoes() throws Exception {
        try (PolicyTestbed bed = new PolicyTestbed(dir);
                EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PolicyTestbed.path(5))) {
            assertEquals(PolicyTestbed.account(5), ledger.address());
            CliRunner cli = bed.cli("device-gate");
            Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.valueOf(20)));
            bed.install(cli, "device-gate", policyYaml(1, safe, PolicyGateCliTest.DAY_LIMIT_RULES));
            Address payee = Address.parse("0x000000000000000000000000000000000000dEaD");

            Path denied = bed.proposeTransfer(cli, safe, "denied.json", payee, ETH.multiply(BigInteger.valueOf(9)));
            byte[] before = Files.readAllBytes(denied);
            Path deniedRecording = dir.resolve("denied.rec");
            CliRunner.Result r = cli.run("safe", "sign", denied.toString(), "--signer", ledger.uri(), "--allow-emulator",
                    "--record", deniedRecording.toString());
            assertEquals(3, r.code(), r.toString());
            assertTrue(r.err().contains("eth-limits"), r.err());
            assertTrue(ledger.apdus().isEmpty(), "the device received " + ledger.apdus());
            assertEquals(0, exchanges(deniedRecording), "the recording holds no exchange");
            assertArrayEquals(before, Files.readAllBytes(denied), "request file untouched");

            Path allowed = bed.proposeTransfer(cli, safe, "allowed.json", payee, ETH);
            Path allowedRecording = dir.resolve("allowed.rec");
            CliRunner.Result ok = cli.run("safe", "sign", allowed.toString(), "--signer", ledger.uri(), "--allow-emulator",
                    "--record", allowedRecording.toString());
            assertEquals(0, ok.code(), ok.toString());
            assertEquals(ledger.address().toString(), ok.json().get("signer").asString());
            assertFalse(ledger.apdus().isEmpty(), "the allowed request reached the device");
            assertTrue(exchanges(allowedRecording) > 0, "and was recorded");
        }
    }
}
