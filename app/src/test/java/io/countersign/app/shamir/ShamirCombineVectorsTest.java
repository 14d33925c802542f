package io.countersign.app.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.countersign.app.CliRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every official SLIP-0039 vector through {@code countersign shamir combine}: valid sets give the
 * exact master secret and the fingerprint of the vector's own xprv; invalid sets exit 1 with the
 * reason that makes them invalid.
 */
class ShamirCombineVectorsTest {
    @TempDir
    Path dataDir;

    /** The reason each invalid vector must be refused for, keyed by a fragment of its description. */
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("invalid checksum", "invalid checksum"),
            Map.entry("invalid padding", "invalid padding"),
            Map.entry("Basic sharing 2-of-3", "need 1 more share"),
            Map.entry("different identifiers", "belongs to a different backup"),
            Map.entry("different iteration exponents", "iteration exponent"),
            Map.entry("mismatching group thresholds", "group threshold"),
            Map.entry("mismatching group counts", "group count"),
            Map.entry("greater group threshold than group counts", "greater than group count"),
            Map.entry("duplicate member indices", "same member index"),
            Map.entry("mismatching member thresholds", "member threshold"),
            Map.entry("Insufficient number of groups", "more complete group"),
            Map.entry("insufficient number of members", "more share"),
            Map.entry("invalid digest", "digest mismatch"),
            Map.entry("insufficient length", "not a valid share length"),
            Map.entry("invalid master secret length", "not a valid share length"));

    @Test
    void theVectorFileHoldsTheUpstreamCases() throws IOException {
        List<ShamirVectorSupport.Vector> all = ShamirVectorSupport.vectors();
        assertEquals(34, all.size());
        assertEquals(11, all.stream().filter(ShamirVectorSupport.Vector::valid).count());
    }

    @TestFactory
    Stream<DynamicTest> everyVectorThroughCombine() throws IOException {
        return ShamirVectorSupport.vectors().stream().map(v -> dynamicTest(v.description(), () -> {
            CliRunner cli = new CliRunner(dataDir).env("PASS", ShamirVectorSupport.PASSPHRASE);
            CliRunner.Result r = cli.runWithStdin("\n  " + String.join("  \n\n", v.mnemonics()) + "\n",
                    "shamir", "combine", "--passphrase-env", "PASS", "--master-secret", "--json");
            if (v.valid()) {
                assertEquals(0, r.code(), r::toString);
                JsonNode json = r.json();
                assertEquals(v.secretHex(), json.get("secretHex").asString(), r::toString);
                assertEquals(ShamirVectorSupport.addressFromXprv(v.xprv()),
                        json.get("fingerprint").asString().toLowerCase(Locale.ROOT),
                        "fingerprint = m/44'/60'/0'/0/0 of the vector's xprv");
            } else {
                assertEquals(1, r.code(), r::toString);
                String reason = REASONS.entrySet().stream().filter(e -> v.description().contains(e.getKey()))
                        .map(Map.Entry::getValue).findFirst()
                        .orElseThrow(() -> new AssertionError("no expected reason for " + v.description()));
                String error = r.json().get("error").asString();
                assertTrue(error.contains(reason), () -> "expected \"" + reason + "\" in: " + error);
                assertTrue(r.err().contains("error: "), r::toString);
            }
        }));
    }
}
