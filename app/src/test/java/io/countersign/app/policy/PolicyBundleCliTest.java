package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.account;
import static io.countersign.app.policy.PolicyTestbed.policyYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.devchain.Anvil;
import io.countersign.journal.EntryKind;
import io.countersign.journal.AuditJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * `policy sign|install|show|check` through the command line, offline: what `install` refuses
 * (one byte changed, a changed signature, too few admins, an outsider, a version not higher),
 * each with a message that says which, and what `show` and `check --json` print.
 */
class PolicyBundleCliTest {
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");
    static final String RULES = """
              - id: eth-limits
                kind: limit
                asset: native
                perTransaction: "10"
                perDay: "8"
            """;

    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).env(PolicyTestbed.MNEMONIC_VAR, Anvil.MNEMONIC).global("--json");
    }

    Path bundle(String name, int version, int... admins) {
        return PolicyTestbed.signedBundle(cli(), dir, name, policyYaml(version, SAFE, RULES), admins);
    }

    CliRunner.Result refusedInstall(Path bundle, String... messageParts) {
        CliRunner.Result r = cli().run("policy", "install", bundle.toString());
        assertEquals(1, r.code(), r.toString());
        for (String part : messageParts) {
            assertTrue(r.err().contains(part), "expected '" + part + "' in:\n" + r.err());
        }
        return r;
    }

    boolean installed() {
        return Files.exists(dir.resolve("data").resolve("policy").resolve("bundle.json"));
    }

    @Test
    void aBundleWithOneByteChangedIsRefused() throws Exception {
        Path good = bundle("good", 1, 10, 11);
        String text = Files.readString(good);
        // one byte of the signed YAML: "Integration treasury" → "Jntegration treasury"
        String edited = text.replace("name: Integration", "name: Jntegration");
        assertEquals(text.length(), edited.length());
        assertFalse(text.equals(edited), "the edit applied");
        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, edited);

        refusedInstall(tampered, "changed after signing");
        assertFalse(installed(), "nothing installed");

        // one hex digit of a signature
        JsonNode root = new tools.jackson.databind.ObjectMapper().readTree(text);
        String sig = root.get("signatures").get(0).get("signature").asString();
        char last = sig.charAt(40);
        String changedSig = sig.substring(0, 40) + (last == '0' ? '1' : '0') + sig.substring(41);
        Path badSig = dir.resolve("bad-signature.json");
        Files.writeString(badSig, text.replace(sig, changedSig));
        refusedInstall(badSig, "does not match bundle hash", "changed after signing");
        assertFalse(installed());

        // the control: the untouched bundle installs
        CliRunner.Result ok = cli().run("policy", "install", good.toString());
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.json().get("firstInstall").asBoolean());
    }

    @Test
    void tooFewAdminSignaturesOrAnOutsidersAreRefusedSayingWhich() {
        refusedInstall(bundle("one-admin", 1, 10), "bundle has 1 of the 2 signatures required", "declared (first install) admins");
        refusedInstall(bundle("with-outsider", 1, 10, PolicyTestbed.OUTSIDER), account(PolicyTestbed.OUTSIDER).toString(),
                "is not a declared policy admin");
        assertFalse(installed());
        CliRunner.Result show = cli().run("policy", "show");
        assertEquals(1, show.code(), show.toString());
        assertTrue(show.err().contains("no policy is installed"), show.err());
    }

    @Test
    void laterBundlesNeedAQuorumOfThePinnedAdminsAndAHigherVersion() {
        assertEquals(0, cli().run("policy", "install", bundle("v2", 2, 10, 11).toString()).code());

        CliRunner.Result show = cli().run("policy", "show");
        assertEquals(0, show.code(), show.toString());
        JsonNode s = show.json();
        assertEquals(2, s.get("version").asInt());
        assertEquals(2, s.get("adminThreshold").asInt());
        List<String> admins = StreamSupport.stream(s.get("admins").spliterator(), false).map(JsonNode::asString).toList();
        assertEquals(List.of(account(10).toString(), account(11).toString(), account(12).toString()), admins);
        List<String> signers = StreamSupport.stream(s.get("signers").spliterator(), false).map(JsonNode::asString).toList();
        assertEquals(List.of(account(10).toString(), account(11).toString()), signers);

        refusedInstall(bundle("v1", 1, 11, 12), "bundle version 1 is not higher than the installed version 2");
        refusedInstall(bundle("v2-again", 2, 11, 12), "bundle version 2 is not higher than the installed version 2");
        refusedInstall(bundle("v3-one", 3, 12), "bundle has 1 of the 2 signatures required from the pinned admins");
        assertEquals(2, cli().run("policy", "show").json().get("version").asInt(), "still v2");

        CliRunner.Result v3 = cli().run("policy", "install", bundle("v3", 3, 11, 12).toString());
        assertEquals(0, v3.code(), v3.toString());
        assertFalse(v3.json().get("firstInstall").asBoolean());
        assertEquals(3, cli().run("policy", "show").json().get("version").asInt());

        try (AuditJournal j = AuditJournal.open(dir.resolve("data").resolve("journal.sqlite"))) {
            List<Long> versions = j.latest(1000).reversed().stream().filter(e -> e.kind() == EntryKind.POLICY_INSTALL)
                    .map(e -> e.payload().get("version").asLong()).toList();
            assertEquals(List.of(2L, 3L), versions, "only the accepted installs are journalled");
        }
    }

    @Test
    void policyCheckPrintsTheDecisionAndReasonsAsOneJsonObject() {
        assertEquals(0, cli().run("policy", "install", bundle("check", 1, 10, 11).toString()).code());
        Path over = offlineTransfer("check-over.json", "9000000000000000000");
        Path fine = offlineTransfer("check-fine.json", "1000000000000000000");

        CliRunner.Result denied = cli().run("policy", "check", over.toString());
        assertEquals(3, denied.code(), denied.toString());
        JsonNode d = denied.json();
        assertEquals("deny", d.get("decision").asString());
        assertTrue(d.get("reasons").isArray() && d.get("reasons").toString().contains("[eth-limits] DENY")
                && d.get("reasons").toString().contains("9000000000000000000 exceeds the limit of 8000000000000000000"), d.toString());
        assertEquals(1, denied.out().strip().lines().count(), "exactly one JSON object on stdout:\n" + denied.out());

        CliRunner.Result allowed = cli().run("policy", "check", fine.toString());
        assertEquals(0, allowed.code(), allowed.toString());
        assertEquals("allow", allowed.json().get("decision").asString());
        assertTrue(allowed.json().get("reasons").toString().contains("1000000000000000000 is within the limit of 8000000000000000000"),
                allowed.out());

        // without --json: the decision and the reasons for a person
        CliRunner.Result human = new CliRunner(dir.resolve("data")).run("policy", "check", over.toString());
        assertEquals(3, human.code(), human.toString());
        assertTrue(human.out().contains("Decision: deny") && human.out().contains("[eth-limits] DENY"), human.out());
    }

    /** A native transfer request for {@link #SAFE} on anvil's chain id, written offline. */
    Path offlineTransfer(String name, String wei) {
        Path out = dir.resolve(name);
        List<String> owners = List.of(account(5).toString(), account(6).toString(), account(7).toString());
        CliRunner.Result p = cli().run("safe", "propose", "--offline", "--safe", SAFE.toString(), "--to",
                "0x000000000000000000000000000000000000b0b0", "--value", wei, "--chain-id", "31337", "--safe-version", "1.4.1",
                "--owners", String.join(",", owners), "--threshold", "2", "--nonce", "0", "--out", out.toString());
        assertEquals(0, p.code(), p.toString());
        return out;
    }
}
