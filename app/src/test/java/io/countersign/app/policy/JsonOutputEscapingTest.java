package io.countersign.app.policy;

import static io.countersign.app.policy.GateAdversarialCliTest.PAY;
import static io.countersign.app.policy.GateAdversarialCliTest.SAFE;
import static io.countersign.app.policy.GateAdversarialCliTest.USDC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Call;
import io.countersign.eth.DisplayText;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeVersion;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} output carries attacker-written text (address-book labels in reasons, values
 * quoted in errors) with the characters docs/threat-model.md ("Text that hides what follows it")
 * says are escaped everywhere: a right-to-left override U+202E, an isolate U+2066, a C1 control
 * U+0085 (NEL) and U+009B (CSI), a zero-width space U+200B, DEL. On stdout each is a JSON
 * <code>&#92;uHHHH</code> escape, never the raw character; parsed, the JSON gives back the exact
 * text.
 */
class JsonOutputEscapingTest {
    /** The label as the policy YAML writes it (YAML double-quoted escapes) and as it must come back from the JSON. */
    static final String YAML_LABEL = "\"Pay\\u202Eroll\\u2066\\N\\u009B\\u200B\\x7F\"";
    static final String LABEL = "Pay\u202Eroll\u2066\u0085\u009B\u200B\u007F";

    @TempDir
    Path dir;

    static void assertNoRawDisplayControls(String stdout) {
        String body = stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
        body.codePoints().filter(DisplayText::needsEscape).findFirst().ifPresent(cp -> {
            throw new AssertionError(String.format("raw U+%04X on stdout: %s", cp, DisplayText.escape(stdout)));
        });
    }

    @Test
    void labelsInReasonsAreEscapedInJsonAndComeBackExact() throws Exception {
        // the stranger gets an address-book label, so the denial names them by it
        Path policy = Files.writeString(dir.resolve("policy.yaml"), GateAdversarialCliTest.POLICY.replace("addressBook:\n",
                "addressBook:\n  - {address: \"" + GateAdversarialCliTest.STRANGER + "\", label: " + YAML_LABEL + "}\n"));
        Path req = dir.resolve("pay.json");
        RequestFile.write(new SafeRequest(BigInteger.ONE, SAFE, SafeVersion.V1_4_1, GateAdversarialCliTest.plain(
                Call.of(USDC, BigInteger.ZERO, ChainOracleGatePropertyTest.transfer(GateAdversarialCliTest.STRANGER, BigInteger.TEN))),
                List.of(), 0, List.of(), null), req);
        CliRunner.Result r = new CliRunner(dir.resolve("data")).global("--offline", "--json")
                .run("policy", "check", req.toString(), "--policy", policy.toString());
        assertEquals(3, r.code(), r.toString());
        assertNoRawDisplayControls(r.out());
        assertTrue(r.out().contains("Pay\\u202eroll\\u2066\\u0085\\u009b\\u200b\\u007f"), r.out());
        assertTrue(r.json().get("reasons").valueStream().anyMatch(n -> n.asString().contains(LABEL)),
                DisplayText.escape(r.json().get("reasons").toString()));
    }

    @Test
    void valuesQuotedInAnErrorAreEscapedInJson() throws Exception {
        Path req = dir.resolve("bad.json");
        Path good = dir.resolve("good.json");
        RequestFile.write(new SafeRequest(BigInteger.ONE, SAFE, SafeVersion.V1_4_1,
                GateAdversarialCliTest.plain(Call.of(USDC, BigInteger.ZERO, PAY)), List.of(), 0, List.of(), null), good);
        String bad = "0x11111111111111111111\u202E1111111111111111111\u0085";
        Files.writeString(req, Files.readString(good).replace("\"" + SAFE + "\"", "\"" + bad + "\""));
        CliRunner.Result r = new CliRunner(dir.resolve("data")).global("--offline", "--json").run("safe", "hash", req.toString());
        assertTrue(r.code() != 0, r.toString());
        assertNoRawDisplayControls(r.out());
        assertTrue(r.json().get("error").asString().contains(bad), "the error quotes the value; JSON keeps it exact: " + r);
    }
}
