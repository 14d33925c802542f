package io.countersign.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Cross-implementation check against the npm package {@code slip39} (ilap/slip39-js 0.1.9,
 * installed in testchain/). That version implements the current SLIP-0039 revision including
 * the extendable backup flag (CHANGELOG 0.1.8; "shamir_extendable" checksum string and empty
 * salt), so both flag values are exercised. Shares made by the npm package combine here and
 * shares made here combine there, for seeded random secrets, passphrases and group layouts.
 * Like this module, the npm combiner takes exactly GT groups of exactly T shares, so minimal
 * sets are exchanged. The node process runs locally with no network.
 */
class Slip39NpmCrossTest {
    private static final int CASES = 24;

    private static Path testchain() {
        String dir = System.getProperty("countersign.testchain");
        if (dir == null) {
            fail("system property countersign.testchain is not set; run the tests through Maven");
        }
        Path root = Path.of(dir);
        if (!Files.isRegularFile(root.resolve("node_modules/slip39/src/slip39.js"))) {
            fail("npm package slip39 not found under " + root + "/node_modules: run `npm ci` in testchain/");
        }
        return root;
    }

    private static Path script() throws IOException {
        Path js = Files.createTempFile("slip39-npm", ".js");
        try (InputStream in = Slip39NpmCrossTest.class.getResourceAsStream("slip39-npm.js")) {
            Files.write(js, in.readAllBytes());
        }
        js.toFile().deleteOnExit();
        return js;
    }

    /** Runs all requests through one node process and returns its results, in order. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> node(List<String> requestsJson) throws Exception {
        Path root = testchain();
        ProcessBuilder pb = new ProcessBuilder("node", script().toString(), root.toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            fail("cannot start node (" + e.getMessage() + "): install Node.js and run `npm ci` in testchain/");
            return List.of();
        }
        try (var w = p.getOutputStream()) {
            w.write(("[" + String.join(",", requestsJson) + "]").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "node did not finish");
        assertEquals(0, p.exitValue(), "node failed (is slip39 installed? run `npm ci` in testchain/): " + out);
        return (List<Map<String, Object>>) (List<?>) MiniJson.parse(out);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String strings(List<String> l) {
        return l.stream().map(Slip39NpmCrossTest::quote).collect(Collectors.joining(",", "[", "]"));
    }

    private static String passphrase(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            b.append((char) (32 + r.nextInt(95)));
        }
        return b.toString();
    }

    private static List<GroupSpec> layout(Random r) {
        List<GroupSpec> groups = new ArrayList<>();
        for (int g = 1 + r.nextInt(4); g > 0; g--) {
            int n = 1 + r.nextInt(5);
            groups.add(new GroupSpec(n == 1 ? 1 : 2 + r.nextInt(n - 1), n));
        }
        return groups;
    }

    private static String splitRequest(byte[] secret, String pass, int gt, List<GroupSpec> groups, int e, boolean ext) {
        String g = groups.stream().map(s -> "[" + s.memberThreshold() + "," + s.memberCount() + "]")
                .collect(Collectors.joining(",", "[", "]"));
        return "{\"op\":\"split\",\"secretHex\":\"" + TestSupport.hex(secret) + "\",\"passphrase\":" + quote(pass)
                + ",\"groupThreshold\":" + gt + ",\"groups\":" + g + ",\"iterationExponent\":" + e
                + ",\"extendable\":" + ext + "}";
    }

    private static Slip39PropertyTest.Case asCase(byte[] secret, String pass, int gt, List<GroupSpec> groups,
                                                  List<List<String>> shares) {
        return new Slip39PropertyTest.Case(secret, pass.getBytes(StandardCharsets.US_ASCII), gt, groups, shares);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sharesMadeByTheNpmPackageCombineHere() throws Exception {
        Random r = new Random(0x4E50_4D01L);
        List<String> requests = new ArrayList<>();
        List<Object[]> params = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            byte[] secret = new byte[r.nextBoolean() ? 16 : 32];
            r.nextBytes(secret);
            String pass = passphrase(r);
            List<GroupSpec> groups = layout(r);
            int gt = 1 + r.nextInt(groups.size());
            boolean ext = i % 2 == 0;
            requests.add(splitRequest(secret, pass, gt, groups, r.nextInt(2), ext));
            params.add(new Object[] {secret, pass, gt, groups, ext});
        }
        List<Map<String, Object>> results = node(requests);
        for (int i = 0; i < CASES; i++) {
            Object[] p = params.get(i);
            assertNull(results.get(i).get("error"), "npm split failed: " + results.get(i).get("error"));
            List<List<String>> shares = (List<List<String>>) results.get(i).get("groups");
            List<GroupSpec> groups = (List<GroupSpec>) p[3];
            var c = asCase((byte[]) p[0], (String) p[1], (int) p[2], groups, shares);
            List<String> set = Slip39PropertyTest.randomMinimalSet(c, r);
            assertEquals(TestSupport.hex((byte[]) p[0]), TestSupport.hex(Slip39.combine(set, c.passphrase())),
                    "npm case " + i + " " + groups);
            assertEquals(p[4], Share.parse(set.get(0)).extendable(), "extendable flag as requested");
        }
    }

    @Test
    void sharesMadeHereCombineInTheNpmPackage() throws Exception {
        Random r = new Random(0x4E50_4D02L);
        List<String> requests = new ArrayList<>();
        List<byte[]> secrets = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            byte[] secret = new byte[16 + 2 * r.nextInt(9)];
            r.nextBytes(secret);
            String pass = passphrase(r);
            List<GroupSpec> groups = layout(r);
            int gt = 1 + r.nextInt(groups.size());
            List<List<String>> shares = Slip39.split(secret, pass.getBytes(StandardCharsets.US_ASCII), gt, groups,
                    r.nextInt(2), i % 2 == 0, TestSupport.seeded(r.nextLong()));
            List<String> set = Slip39PropertyTest.randomMinimalSet(asCase(secret, pass, gt, groups, shares), r);
            requests.add("{\"op\":\"combine\",\"mnemonics\":" + strings(set) + ",\"passphrase\":" + quote(pass) + "}");
            secrets.add(secret);
        }
        List<Map<String, Object>> results = node(requests);
        for (int i = 0; i < CASES; i++) {
            assertNull(results.get(i).get("error"), "npm combine failed for case " + i + ": " + results.get(i).get("error"));
            assertEquals(TestSupport.hex(secrets.get(i)), results.get(i).get("secretHex"), "case " + i);
        }
    }
}
