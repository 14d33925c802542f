package io.countersign.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.eth.testing.TestPaths;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code countersign tx sign --signer mnemonic-env:VAR} reproduces r, s and v of every transaction
 * fixture in test-vectors/trezor/sign_tx*.json (trezor-firmware common/tests/fixtures): EIP-155
 * chain ids past 2^31 and up to 2^64−1, EIP-1559, non-Ethereum coin types, 4 KiB calldata, contract
 * creation. Legacy fixtures whose chain id fits web3j's {@code long} are also signed from an
 * {@code --unsigned} encoding made by web3j's own TransactionEncoder, an independent encoder.
 */
class TxSignFixturesTest {
    @TempDir
    Path dir;

    static List<String> files() {
        return List.of("sign_tx.json", "sign_tx_eip155.json", "sign_tx_eip1559.json", "sign_tx_erc20.json");
    }

    @TestFactory
    Stream<DynamicTest> everyTransactionFixture() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : files()) {
            JsonNode root = new ObjectMapper().readTree(Files.readString(TestPaths.vectors().resolve("trezor").resolve(file)));
            String mnemonic = root.get("setup").get("mnemonic").asText();
            for (JsonNode t : root.get("tests")) {
                tests.add(DynamicTest.dynamicTest(file + " " + t.get("name").asText(), () -> check(mnemonic, t)));
            }
        }
        return tests.stream();
    }

    private void check(String mnemonic, JsonNode t) {
        JsonNode p = t.get("parameters");
        JsonNode expected = t.get("result");
        CliRunner cli = new CliRunner(dir.resolve("data")).env("FIXTURE_MNEMONIC", mnemonic).global("--dev-mode", "--json", "--offline");
        boolean eip1559 = p.has("max_gas_fee");
        String to = p.get("to_address").asText();
        List<String> args = new ArrayList<>(List.of("tx", "sign", "--signer", "mnemonic-env:FIXTURE_MNEMONIC",
                "--path", p.get("path").asText(), "--chain-id", p.get("chain_id").asText()));
        if (to.isEmpty()) {
            args.addAll(List.of("--unsigned", web3jUnsigned(p)));
        } else {
            args.addAll(List.of("--to", to, "--value", dec(p, "value"), "--data", "0x" + p.get("data").asText(),
                    "--nonce", dec(p, "nonce"), "--gas", dec(p, "gas_limit")));
            if (eip1559) {
                args.addAll(List.of("--max-fee", dec(p, "max_gas_fee"), "--max-priority-fee", dec(p, "max_priority_fee")));
            } else {
                args.addAll(List.of("--gas-price", dec(p, "gas_price")));
                if (p.hasNonNull("tx_type")) {
                    args.addAll(List.of("--tx-type", p.get("tx_type").asText()));
                }
            }
        }
        assertSignature(cli.run(args.toArray(String[]::new)), expected);
        boolean fitsLong = new BigInteger(p.get("chain_id").asText()).bitLength() < 63;
        if (!eip1559 && !to.isEmpty() && !p.hasNonNull("tx_type") && fitsLong) {
            CliRunner.Result unsigned = cli.run("tx", "sign", "--signer", "mnemonic-env:FIXTURE_MNEMONIC", "--path", p.get("path").asText(),
                    "--chain-id", p.get("chain_id").asText(), "--unsigned", web3jUnsigned(p));
            assertSignature(unsigned, expected);
        }
    }

    private static void assertSignature(CliRunner.Result r, JsonNode expected) {
        assertEquals(0, r.code(), r.toString());
        JsonNode out = r.json();
        assertEquals("0x" + expected.get("sig_r").asText(), out.get("r").asText(), "r");
        assertEquals("0x" + expected.get("sig_s").asText(), out.get("s").asText(), "s");
        assertEquals(expected.get("sig_v").asText(), out.get("v").asText(), "v");
    }

    /** The unsigned EIP-155 encoding by web3j (independent of our encoder). */
    private static String web3jUnsigned(JsonNode p) {
        RawTransaction raw = RawTransaction.createTransaction(num(p, "nonce"), num(p, "gas_price"), num(p, "gas_limit"),
                p.get("to_address").asText(), num(p, "value"), "0x" + p.get("data").asText());
        return org.web3j.utils.Numeric.toHexString(TransactionEncoder.encode(raw, p.get("chain_id").asLong()));
    }

    private static BigInteger num(JsonNode p, String field) {
        String hex = p.get(field).asText();
        return new BigInteger(hex.substring(2), 16);
    }

    private static String dec(JsonNode p, String field) {
        return num(p, field).toString();
    }
}
