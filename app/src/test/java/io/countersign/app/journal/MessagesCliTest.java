package io.countersign.app.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Messages that say what is true, through the real command line, offline: the one missing fact of
 * an offline propose, a policy draft given to `install`, a second signature by the same admin,
 * counted nouns, no "Confirm on your device" for a software key, no "under none" without a policy,
 * and `audit export --json` as one object.
 */
class MessagesCliTest {
    static final String VAR = "COUNTERSIGN_TEST_MNEMONIC";
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");

    @TempDir
    Path dir;

    static Address account(int i) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + i), "t").address();
    }

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).env(VAR, Anvil.MNEMONIC);
    }

    String owners() {
        return account(5) + "," + account(6) + "," + account(7);
    }

    Path propose(CliRunner cli, String name, String nonce) {
        Path out = dir.resolve(name);
        CliRunner.Result r = cli.run("safe", "propose", "--offline", "--safe", SAFE.toString(), "--to",
                "0x000000000000000000000000000000000000b0b0", "--value", "1000", "--chain-id", "31337", "--safe-version", "1.4.1",
                "--owners", owners(), "--threshold", "2", "--nonce", nonce, "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        return out;
    }

    Path yaml() throws Exception {
        StringBuilder admins = new StringBuilder();
        for (int a : new int[] {10, 11, 12}) {
            admins.append("    - \"").append(account(a)).append("\"\n");
        }
        Path f = dir.resolve("policy.yaml");
        Files.writeString(f, "version: 1\nname: Messages\ntimeZone: UTC\nadmins:\n  threshold: 2\n  addresses:\n" + admins
                + "scope:\n  chains: [31337]\n  safes: [\"" + SAFE + "\"]\nrules:\n"
                + "  - {id: eth-limits, kind: limit, asset: native, perTransaction: \"10\"}\n");
        return f;
    }

    CliRunner.Result policySign(CliRunner cli, Path file, int admin) {
        return cli.run("policy", "sign", file.toString(), "--signer", "mnemonic-env:" + VAR, "--path", "m/44'/60'/0'/0/" + admin);
    }

    long journalEntries(EntryKind kind) {
        try (AuditJournal j = AuditJournal.open(dir.resolve("data").resolve("journal.sqlite"))) {
            return j.latest(10_000).stream().filter(e -> e.kind() == kind).count();
        }
    }

    @Test
    void offlineProposeNamesOnlyTheMissingFact() {
        CliRunner.Result r = cli().run("safe", "propose", "--offline", "--safe", SAFE.toString(), "--to",
                "0x000000000000000000000000000000000000b0b0", "--value", "1000", "--chain-id", "31337", "--safe-version", "1.4.1",
                "--owners", owners(), "--threshold", "2", "--out", dir.resolve("x.json").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("give --nonce"), r.err());
        for (String given : List.of("--chain-id", "--safe-version", "--owners", "--threshold")) {
            assertFalse(r.err().contains(given), given + " was given, yet named in:\n" + r.err());
        }
        assertFalse(Files.exists(dir.resolve("x.json")));
    }

    @Test
    void installingTheDraftYamlSaysItIsADraftAndHowToMakeTheBundle() throws Exception {
        Path yaml = yaml();
        CliRunner.Result r = cli().run("policy", "install", yaml.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("is a policy draft (YAML), not a signed bundle"), r.err());
        assertTrue(r.err().contains("countersign policy sign " + yaml), r.err());
        assertTrue(r.err().contains(yaml + ".bundle.json"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(dir.resolve("data").resolve("policy").resolve("bundle.json")));
    }

    @Test
    void aSecondSignatureBySameAdminIsRefusedAndNotJournalled() throws Exception {
        Path yaml = yaml();
        CliRunner.Result first = policySign(cli(), yaml, 10);
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("(1 signature) into"), first.out());
        Path bundle = Path.of(yaml + ".bundle.json");
        String before = Files.readString(bundle);
        long journalled = journalEntries(EntryKind.SIGNATURE);
        assertEquals(1, journalled);

        CliRunner.Result again = policySign(cli(), bundle, 10);
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("already holds a signature of admin " + account(10)), again.err());
        assertEquals(before, Files.readString(bundle), "the bundle is unchanged");
        assertEquals(journalled, journalEntries(EntryKind.SIGNATURE), "no second SIGNATURE entry");

        CliRunner.Result second = policySign(cli(), bundle, 11);
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.out().contains("(2 signatures) into"), second.out());
    }

    @Test
    void withoutAPolicyCheckSaysSoRatherThanUnderNone() {
        Path req = propose(cli(), "req.json", "0");
        CliRunner.Result r = cli().run("policy", "check", req.toString());
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("not signable: no signed policy is installed"), r.err());
        assertFalse(r.err().contains("under none"), r.err());
    }

    @Test
    void aSoftwareKeyIsNotAskedToConfirmOnADevice() {
        CliRunner dev = cli().global("--dev-mode");
        Path req = propose(dev, "req.json", "0");
        CliRunner.Result r = dev.run("safe", "sign", req.toString(), "--offline", "--signer", "mnemonic-env:" + VAR,
                "--path", "m/44'/60'/0'/0/5");
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.err().contains("Confirm on your device"), r.err());
        assertTrue(r.err().contains("Signing with software key (" + VAR + ") m/44'/60'/0'/0/5 (no device to confirm on): EIP-712 SafeTx"), r.err());
    }

    @Test
    void auditExportWithJsonPrintsOneObject() throws Exception {
        propose(cli(), "req.json", "0");
        CliRunner.Result r = cli().global("--json").run("audit", "export");
        assertEquals(0, r.code(), r.toString());
        JsonNode root = r.json();
        assertTrue(root.isObject(), r.out());
        assertEquals("json", root.get("format").asString());
        assertEquals(1, root.get("entries").size());
        assertEquals("REQUEST", root.get("entries").get(0).get("kind").asString());
        assertEquals(1, r.out().strip().lines().count(), "one line, one object");

        CliRunner.Result csv = cli().global("--json").run("audit", "export", "--format", "csv");
        assertEquals(0, csv.code(), csv.toString());
        assertTrue(csv.json().get("csv").asString().startsWith("sequence,time,kind,payload"), csv.out());
    }

    Path proposeTo(CliRunner cli, String name, Address safe, String chainId, String to, String data) {
        Path out = dir.resolve(name);
        CliRunner.Result r = cli.run("safe", "propose", "--offline", "--safe", safe.toString(), "--to", to, "--value", "0",
                "--data", data, "--chain-id", chainId, "--safe-version", "1.4.1", "--owners", owners(), "--threshold", "2",
                "--nonce", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        return out;
    }

    @Test
    void policyCheckAndSafeSignDescribeATimelockScheduleTheSameWay() {
        // OpenZeppelin schedule(target = 0xb0b0, value = 1 wei, data = empty, predecessor = 0, salt = 0, delay = 3600)
        String schedule = org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function("schedule", List.of(
                new org.web3j.abi.datatypes.Address("0x000000000000000000000000000000000000b0b0"),
                new org.web3j.abi.datatypes.generated.Uint256(1), new org.web3j.abi.datatypes.DynamicBytes(new byte[0]),
                new org.web3j.abi.datatypes.generated.Bytes32(new byte[32]), new org.web3j.abi.datatypes.generated.Bytes32(new byte[32]),
                new org.web3j.abi.datatypes.generated.Uint256(3600)), List.of()));
        CliRunner dev = cli().global("--dev-mode");
        Path req = proposeTo(dev, "schedule.json", SAFE, "31337", "0x2222222222222222222222222222222222222222", schedule);
        CliRunner.Result check = dev.run("policy", "check", req.toString());
        assertEquals(0, check.code(), check.toString());
        CliRunner.Result sign = dev.run("safe", "sign", req.toString(), "--offline", "--signer", "mnemonic-env:" + VAR,
                "--path", "m/44'/60'/0'/0/5");
        assertEquals(0, sign.code(), sign.toString());
        // the decoded calls: the lines marked • or ⚠ (the SafeTx fields and hashes stand apart)
        List<String> shownBySign = sign.err().lines().filter(l -> l.stripLeading().startsWith("•") || l.stripLeading().startsWith("⚠"))
                .toList();
        assertTrue(shownBySign.size() >= 2, "the schedule and its inner call:\n" + sign.err());
        assertTrue(shownBySign.get(1).startsWith("    ") && shownBySign.get(1).contains("0x000000000000000000000000000000000000b0b0"),
                "the inner call stands indented under the schedule:\n" + sign.err());
        List<String> shownByCheck = check.out().lines().toList();
        for (String line : shownBySign) {
            assertTrue(shownByCheck.contains(line), "policy check lacks '" + line + "':\n" + check.out());
        }
    }

    @Test
    void scopeDenialNamesOnlyWhatIsOutside() throws Exception {
        Path yaml = yaml();
        assertEquals(0, policySign(cli(), yaml, 10).code());
        Path bundle = Path.of(yaml + ".bundle.json");
        assertEquals(0, policySign(cli(), bundle, 11).code());
        assertEquals(0, cli().run("policy", "install", bundle.toString()).code());
        Address other = Address.parse("0x16ba000000000000000000000000000000000001");
        String to = "0x000000000000000000000000000000000000b0b0";

        CliRunner.Result safeOut = cli().global("--json").run("policy", "check",
                proposeTo(cli(), "other-safe.json", other, "31337", to, "0x").toString());
        assertEquals(3, safeOut.code(), safeOut.toString());
        assertTrue(safeOut.out().contains("does not cover Safe " + other + " (chain 31337 is in scope)"), safeOut.out());

        CliRunner.Result chainOut = cli().global("--json").run("policy", "check",
                proposeTo(cli(), "other-chain.json", SAFE, "138", to, "0x").toString());
        assertEquals(3, chainOut.code(), chainOut.toString());
        assertTrue(chainOut.out().contains("does not cover chain 138 (Safe " + SAFE + " is in scope)"), chainOut.out());

        CliRunner.Result both = cli().global("--json").run("policy", "check",
                proposeTo(cli(), "both.json", other, "138", to, "0x").toString());
        assertEquals(3, both.code(), both.toString());
        assertTrue(both.out().contains("does not cover chain 138 nor Safe " + other), both.out());
    }

    CliRunner.Result proposeValue(String value, Path out) {
        return cli().run("safe", "propose", "--offline", "--safe", SAFE.toString(), "--to", "0x000000000000000000000000000000000000b0b0",
                "--value", value, "--chain-id", "31337", "--safe-version", "1.4.1", "--owners", owners(), "--threshold", "2",
                "--nonce", "0", "--out", out.toString());
    }

    @Test
    void amountsSayTheirUnitAndABareDecimalIsRefusedWithTheHint() throws Exception {
        Path bare = dir.resolve("bare.json");
        CliRunner.Result r = proposeValue("1.5", bare);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--value 1.5 says no unit"), r.err());
        assertTrue(r.err().contains("write 1.5ether (= 1500000000000000000 wei)"), r.err());
        assertFalse(r.err().contains("NumberFormatException") || r.err().contains("BigInteger"), r.err());
        assertFalse(Files.exists(bare));

        for (String v : List.of("1.5ether", "1500000000000000000", "1500000000gwei")) {
            Path out = dir.resolve("v-" + v + ".json");
            CliRunner.Result ok = proposeValue(v, out);
            assertEquals(0, ok.code(), ok.toString());
            JsonNode tx = new tools.jackson.databind.ObjectMapper().readTree(Files.readString(out)).get("tx");
            assertEquals("1500000000000000000", tx.get("value").asString(), v);
        }
        CliRunner.Result help = cli().run("safe", "propose", "--help");
        assertTrue(help.out().contains("--value=AMOUNT") && help.out().contains("1.5ether"), help.out());
    }
}
