package io.countersign.app.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code countersign shamir split | combine | inspect} end to end through the real command line. */
class ShamirCliTest {
    /** BIP-39's all-zero 128-bit entropy; its first Ethereum address is widely published. */
    private static final String ABANDON = "abandon abandon abandon abandon abandon abandon abandon abandon abandon"
            + " abandon abandon about";
    private static final String ABANDON_ADDRESS = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94";

    @TempDir
    Path dataDir;

    private CliRunner cli() {
        return new CliRunner(dataDir);
    }

    private static List<List<String>> shares(JsonNode split) {
        List<List<String>> groups = new ArrayList<>();
        for (JsonNode g : split.get("groups")) {
            List<String> list = new ArrayList<>();
            g.get("shares").forEach(s -> list.add(s.asString()));
            groups.add(list);
        }
        return groups;
    }

    private static String lines(String... shares) {
        return String.join("\n", shares) + "\n";
    }

    @Test
    void splitThenCombineRestoresAVectorSecretAndItsFingerprint() throws Exception {
        ShamirVectorSupport.Vector v = ShamirVectorSupport.vector("1. ");
        CliRunner cli = cli().env("SECRET", v.secretHex()).env("PASS", "correct horse");
        CliRunner.Result split = cli.run("shamir", "split", "--secret-hex-env", "SECRET", "--group-threshold", "2",
                "--group", "2/3", "--group", "3/5", "--passphrase-env", "PASS", "--iteration-exponent", "0", "--json");
        assertEquals(0, split.code(), split::toString);
        JsonNode json = split.json();
        List<List<String>> groups = shares(json);
        assertEquals(List.of(3, 5), groups.stream().map(List::size).toList());
        assertEquals(2, json.get("groups").get(0).get("threshold").asInt());
        assertEquals(3, json.get("groups").get(1).get("threshold").asInt());
        int id = json.get("identifier").asInt();
        assertTrue(id >= 0 && id < 32768, "15-bit identifier");
        String expectedAddress = ShamirVectorSupport.addressFromXprv(v.xprv());
        assertEquals(expectedAddress, json.get("fingerprint").asString().toLowerCase(Locale.ROOT),
                "split-time fingerprint is the vector's xprv address");

        CliRunner.Result combine = cli.runWithStdin(lines(groups.get(1).get(4), groups.get(0).get(2), groups.get(1).get(0),
                groups.get(0).get(0), groups.get(1).get(2)), "shamir", "combine", "--passphrase-env", "PASS", "--json");
        assertEquals(0, combine.code(), combine::toString);
        assertEquals(v.secretHex(), combine.json().get("secretHex").asString());
        assertEquals(expectedAddress, combine.json().get("fingerprint").asString().toLowerCase(Locale.ROOT));
        assertFalse(combine.json().has("bip39"));
    }

    @Test
    void combineWithoutAFlagUsesWhatTheSplitRecordedAndPrintsTheRecordedFingerprint() throws Exception {
        CliRunner cli = cli().env("PHRASE", ABANDON);
        CliRunner.Result split = cli.run("shamir", "split", "--bip39-env", "PHRASE", "--group", "2/3",
                "--iteration-exponent", "0", "--json");
        assertEquals(0, split.code(), split::toString);
        List<String> group = shares(split.json()).getFirst();
        try (AuditJournal journal = AuditJournal.open(dataDir.resolve("journal.sqlite"))) {
            JsonNode entry = journal.latest(1).getFirst().payload();
            assertEquals(ABANDON_ADDRESS, entry.get("fingerprint").asString(), "the split's entry records the fingerprint");
            assertEquals("BIP39_ENTROPY", entry.get("secretKind").asString());
        }

        // the recovery guide's first command: no --bip39
        CliRunner.Result plain = cli.runWithStdin(lines(group.get(0), group.get(1)), "shamir", "combine", "--json");
        assertEquals(0, plain.code(), plain::toString);
        JsonNode json = plain.json();
        assertEquals(ABANDON_ADDRESS, json.get("fingerprint").asString(), "the fingerprint the guardians recorded");
        assertEquals(ABANDON_ADDRESS, json.get("recordedFingerprint").asString());
        assertTrue(json.get("fingerprintMatches").asBoolean());
        assertEquals("bip39", json.get("secretKind").asString());
        assertEquals(ABANDON, json.get("bip39").asString());

        CliRunner.Result human = cli.runWithStdin(lines(group.get(1), group.get(2)), "shamir", "combine");
        assertTrue(human.out().contains("recorded     " + ABANDON_ADDRESS + "  (at the split, journal entry 1): the same address"),
                human::toString);
        assertTrue(human.out().contains("These shares protect a BIP-39 phrase, as their split recorded"), human::toString);

        // on another workstation, with no record and no terminal to ask at, nothing is assumed: the
        // command stops with the split's parameters to check against the cards and the ways to say it
        CliRunner other = new CliRunner(dataDir.resolve("other-workstation"));
        CliRunner.Result elsewhere = other.runWithStdin(lines(group.get(0), group.get(2)), "shamir", "combine");
        assertEquals(2, elsewhere.code(), elsewhere::toString);
        int id = split.json().get("identifier").asInt();
        assertTrue(elsewhere.err().contains("This workstation's journal has no record of the split of these shares (identifier " + id
                + ": 1 of 1 group (group 1 needs 2), iteration exponent 0, extendable), so what they protect is not known here. "
                + "Check these figures against the share cards, then say what the shares protect: --fingerprint 0x… (the address on "
                + "the share cards: the reading that yields it is used), --bip39 (a BIP-39 phrase) or --master-secret"), elsewhere::toString);
        assertFalse(elsewhere.out().contains("00000000000000000000000000000000"), "no secret is printed");
    }

    @Test
    void withoutARecordTheFingerprintOnTheCardsDecidesWhatTheSharesProtect() throws Exception {
        CliRunner cli = cli().env("PHRASE", ABANDON);
        List<String> phraseShares = shares(cli.run("shamir", "split", "--bip39-env", "PHRASE", "--group", "2/3",
                "--iteration-exponent", "0", "--json").json()).getFirst();
        ShamirVectorSupport.Vector v = ShamirVectorSupport.vector("1. ");
        String vectorAddress = ShamirVectorSupport.addressFromXprv(v.xprv());
        CliRunner other = new CliRunner(dataDir.resolve("no-record"));

        // the phrase's shares, with the address on their cards: read as a BIP-39 phrase
        CliRunner.Result phrase = other.runWithStdin(lines(phraseShares.get(0), phraseShares.get(1)), "shamir", "combine",
                "--fingerprint", ABANDON_ADDRESS, "--json");
        assertEquals(0, phrase.code(), phrase::toString);
        assertEquals("bip39", phrase.json().get("secretKind").asString());
        assertEquals(ABANDON, phrase.json().get("bip39").asString());
        assertEquals(ABANDON_ADDRESS, phrase.json().get("recordedFingerprint").asString());
        assertTrue(phrase.json().get("fingerprintMatches").asBoolean());
        assertTrue(phrase.json().get("warnings").toString().contains("the shares were read as a BIP-39 phrase because that reading "
                + "yields the recorded fingerprint " + ABANDON_ADDRESS), phrase::toString);

        // a SLIP-39 vector (a master secret) with its own fingerprint: read as a master secret
        CliRunner.Result master = other.env("PASS", "TREZOR").runWithStdin(lines(v.mnemonics().toArray(String[]::new)), "shamir", "combine",
                "--fingerprint", vectorAddress, "--passphrase-env", "PASS");
        assertEquals(0, master.code(), master::toString);
        assertTrue(master.out().contains("secret       " + v.secretHex()), master::toString);
        assertTrue(master.out().contains("(from the share cards, as given): the same address"), master::toString);
        assertTrue(master.out().contains("the shares were read as a SLIP-39 master secret because that reading yields the recorded"),
                master::toString);

        // a fingerprint neither reading yields (here: the wrong card): stop, name both, print no secret
        CliRunner.Result wrong = other.runWithStdin(lines(phraseShares.get(1), phraseShares.get(2)), "shamir", "combine",
                "--fingerprint", vectorAddress);
        assertEquals(1, wrong.code(), wrong::toString);
        assertTrue(wrong.err().contains("DIFFERENT: stop. Neither reading of these shares yields the recorded fingerprint"), wrong::toString);
        assertTrue(wrong.err().contains("as a BIP-39 phrase " + ABANDON_ADDRESS), wrong::toString);
        assertFalse(wrong.out().contains("00000000000000000000000000000000") || wrong.err().contains("00000000000000000000000000000000"),
                "no secret is printed");
    }

    @Test
    void bip39PhraseRoundTripsAndTheOutputSaysItIsNotATrezorWallet() {
        CliRunner cli = cli().env("PHRASE", ABANDON);
        CliRunner.Result split = cli.run("shamir", "split", "--bip39-env", "PHRASE", "--group", "2/3",
                "--iteration-exponent", "0", "--json");
        assertEquals(0, split.code(), split::toString);
        assertEquals(ABANDON_ADDRESS, split.json().get("fingerprint").asString());
        List<String> group = shares(split.json()).getFirst();

        CliRunner.Result combine = cli.runWithStdin(lines(group.get(2), group.get(0)), "shamir", "combine", "--bip39", "--json");
        assertEquals(0, combine.code(), combine::toString);
        JsonNode json = combine.json();
        assertEquals(ABANDON, json.get("bip39").asString());
        assertEquals("00000000000000000000000000000000", json.get("secretHex").asString());
        assertEquals(ABANDON_ADDRESS, json.get("fingerprint").asString());
        assertTrue(json.get("warnings").toString().contains("do not restore a SLIP-39 wallet on a Trezor"), json::toString);

        CliRunner.Result human = cli.runWithStdin(lines(group.get(1), group.get(2)), "shamir", "combine", "--bip39");
        assertEquals(0, human.code(), human::toString);
        assertTrue(human.out().contains("bip39        " + ABANDON), human::toString);
        assertTrue(human.out().contains("do not restore a SLIP-39 wallet on a Trezor"), human::toString);
        assertTrue(human.out().contains("A wrong passphrase cannot be detected"), human::toString);
    }

    @Test
    void aWrongPassphraseGivesAnotherWalletWithoutErrorAndTheOutputSaysSo() throws Exception {
        ShamirVectorSupport.Vector v = ShamirVectorSupport.vector("4. ");
        CliRunner.Result r = cli().env("PASS", "TREZOR ").runWithStdin(lines(v.mnemonics().toArray(String[]::new)),
                "shamir", "combine", "--passphrase-env", "PASS", "--master-secret");
        assertEquals(0, r.code(), r::toString);
        assertFalse(r.out().contains(v.secretHex()), "a different secret");
        assertFalse(r.out().toLowerCase(Locale.ROOT).contains(ShamirVectorSupport.addressFromXprv(v.xprv())), "a different wallet");
        assertTrue(r.out().contains("fingerprint  0x"), r::toString);
        assertTrue(r.out().contains("A wrong passphrase cannot be detected: it silently yields a different wallet"), r::toString);
    }

    @Test
    void sharesBeyondTheThresholdAreLeftOutAndTheOutputSaysWhich() throws Exception {
        ShamirVectorSupport.Vector v = ShamirVectorSupport.vector("1. ");
        CliRunner cli = cli().env("SECRET", v.secretHex());
        List<String> g = shares(cli.run("shamir", "split", "--secret-hex-env", "SECRET", "--group", "2/3",
                "--iteration-exponent", "0", "--json").json()).getFirst();
        CliRunner.Result r = cli.runWithStdin(lines(g.get(1), g.get(0), g.get(2)), "shamir", "combine", "--json");
        assertEquals(0, r.code(), r::toString);
        assertEquals(v.secretHex(), r.json().get("secretHex").asString());
        assertEquals("[1,2]", r.json().get("sharesUsed").toString());
        assertTrue(r.json().get("warnings").get(0).asString().contains("combined shares 1, 2 of 3"), r::toString);
    }

    @Test
    void tooFewSharesSayHowManyMoreAreNeeded() {
        CliRunner cli = cli().env("SECRET", "00112233445566778899aabbccddeeff");
        List<List<String>> g = shares(cli.run("shamir", "split", "--secret-hex-env", "SECRET", "--group-threshold", "2",
                "--group", "2/3", "--group", "3/5", "--iteration-exponent", "0", "--json").json());

        CliRunner.Result oneGroup = cli.runWithStdin(lines(g.get(0).get(0), g.get(0).get(1)), "shamir", "combine");
        assertEquals(1, oneGroup.code(), oneGroup::toString);
        assertTrue(oneGroup.err().contains("too few shares: need 1 more complete group (2 of 2 groups)"), oneGroup::toString);

        CliRunner.Result partial = cli.runWithStdin(lines(g.get(0).get(0), g.get(0).get(1), g.get(1).get(3)), "shamir", "combine");
        assertEquals(1, partial.code(), partial::toString);
        assertTrue(partial.err().contains("group 2: need 2 more shares (1 of 3 given)"), partial::toString);
        assertTrue(partial.err().contains("group 1: 2 of 2 ✓ · group 2: 1 of 3"), partial::toString);
    }

    @Test
    void errorsNameTheShareByPosition() throws Exception {
        ShamirVectorSupport.Vector v = ShamirVectorSupport.vector("4. ");
        String second = v.mnemonics().get(1);
        assertTrue(second.startsWith("shadow pistol academic acid "));
        String typo = second.replaceFirst("^shadow pistol academic acid", "shadow pistol acadmic acid");
        CliRunner.Result unknown = cli().runWithStdin(lines(v.mnemonics().get(0), typo), "shamir", "combine");
        assertEquals(1, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("share 2: word 3 \"acadmic\" is not in the SLIP-39 word list; nearest: academic"),
                unknown::toString);

        CliRunner cli = cli().env("SECRET", "00112233445566778899aabbccddeeff");
        String a = shares(cli.run("shamir", "split", "--secret-hex-env", "SECRET", "--group", "2/3", "--iteration-exponent", "0",
                "--json").json()).getFirst().get(0);
        String b = shares(cli.run("shamir", "split", "--secret-hex-env", "SECRET", "--group", "2/3", "--iteration-exponent", "0",
                "--json").json()).getFirst().get(1);
        CliRunner.Result mixed = cli.runWithStdin(lines(a, b), "shamir", "combine");
        assertEquals(1, mixed.code(), mixed::toString);
        assertTrue(mixed.err().contains("share 2: belongs to a different backup"), mixed::toString);
    }

    @Test
    void inspectShowsEachSharesFieldsAndWhatIsMissing() {
        CliRunner cli = cli().env("SECRET", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        JsonNode split = cli.run("shamir", "split", "--secret-hex-env", "SECRET", "--group-threshold", "2",
                "--group", "2/2", "--group", "2/3", "--iteration-exponent", "3", "--no-extendable", "--json").json();
        List<List<String>> g = shares(split);
        String stdin = lines(g.get(0).get(1), "", "  " + g.get(0).get(0) + "  ", g.get(1).get(2));

        CliRunner.Result r = cli.runWithStdin(stdin, "shamir", "inspect", "--json");
        assertEquals(0, r.code(), r::toString);
        JsonNode json = r.json();
        assertFalse(json.get("complete").asBoolean());
        JsonNode shares = json.get("shares");
        assertEquals(3, shares.size());
        int[][] expected = {{1, 2}, {1, 1}, {2, 3}};
        for (int i = 0; i < 3; i++) {
            JsonNode s = shares.get(i);
            assertEquals(i + 1, s.get("position").asInt());
            assertEquals(split.get("identifier").asInt(), s.get("identifier").asInt());
            assertFalse(s.get("extendable").asBoolean());
            assertEquals(3, s.get("iterationExponent").asInt());
            assertEquals(2, s.get("groupThreshold").asInt());
            assertEquals(2, s.get("groupCount").asInt());
            assertEquals(expected[i][0], s.get("group").asInt());
            assertEquals(expected[i][0] - 1, s.get("groupIndex").asInt());
            assertEquals(expected[i][1], s.get("member").asInt());
            assertEquals(2, s.get("memberThreshold").asInt());
            assertEquals(256, s.get("bits").asInt());
            assertTrue(s.get("checksumValid").asBoolean());
        }
        assertEquals("group 1: 2 of 2 ✓ · group 2: 1 of 2", json.get("status").asString());

        CliRunner.Result text = cli.runWithStdin(stdin, "shamir", "inspect");
        assertEquals(0, text.code(), text::toString);
        assertTrue(text.out().contains("status: group 1: 2 of 2 ✓ · group 2: 1 of 2"), text::toString);
        assertTrue(text.out().contains("group 2: need 1 more share (1 of 2 given)"), text::toString);
        assertTrue(text.out().contains("group 2 of 2 (group threshold 2) · member 3 (member threshold 2)"), text::toString);

        CliRunner.Result done = cli.runWithStdin(lines(g.get(0).get(1), g.get(0).get(0), g.get(1).get(2), g.get(1).get(0)),
                "shamir", "inspect", "--json");
        assertEquals(0, done.code(), done::toString);
        assertTrue(done.json().get("complete").asBoolean());
    }

    @Test
    void inspectReportsABadChecksumAndKeepsCheckingTheOthers() throws Exception {
        ShamirVectorSupport.Vector good = ShamirVectorSupport.vector("1. ");
        ShamirVectorSupport.Vector bad = ShamirVectorSupport.vector("2. ");
        CliRunner.Result r = cli().runWithStdin(lines(bad.mnemonics().get(0), good.mnemonics().get(0)), "shamir", "inspect", "--json");
        assertEquals(1, r.code(), r::toString);
        JsonNode json = r.json();
        JsonNode first = json.get("shares").get(0);
        assertFalse(first.get("checksumValid").asBoolean());
        assertTrue(first.get("error").asString().startsWith("share 1: invalid checksum"), json::toString);
        assertTrue(json.get("shares").get(1).get("checksumValid").asBoolean());
        assertTrue(json.get("complete").asBoolean(), "the 1-of-1 share alone suffices");
    }

    @Test
    void theJournalRecordsBothCeremoniesButNoShareOrSecret() throws Exception {
        String secret = "7c4a8d09ca3762af61e59520943dc26494f8941b0123456789abcdef01234567";
        CliRunner cli = cli().env("SECRET", secret);
        JsonNode split = cli.run("shamir", "split", "--secret-hex-env", "SECRET", "--group", "2/3", "--iteration-exponent", "0",
                "--json").json();
        List<String> g = shares(split).getFirst();
        CliRunner.Result combine = cli.runWithStdin(lines(g.get(0), g.get(1)), "shamir", "combine");
        assertEquals(0, combine.code(), combine::toString);

        Path file = dataDir.resolve("journal.sqlite");
        try (AuditJournal journal = AuditJournal.open(file)) {
            List<JournalEntry> entries = journal.latest(10).stream().filter(e -> e.kind() == EntryKind.RECOVERY_CEREMONY).toList();
            assertEquals(2, entries.size());
            List<String> kinds = entries.stream().map(e -> e.payload().get("kind").asString()).sorted().toList();
            assertEquals(List.of("combine", "split"), kinds);
            for (JournalEntry e : entries) {
                assertEquals(split.get("identifier").asInt(), e.payload().get("identifier").asInt());
            }
        }
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(secret), "no secret in the journal");
        for (String share : g) {
            assertFalse(raw.contains(share.substring(share.indexOf(' ', 30))), "no share in the journal");
        }
    }

    @Test
    void aSecretVariableThatIsNotSetIsAUsageError() {
        CliRunner.Result r = cli().run("shamir", "split", "--secret-hex-env", "NOPE", "--group", "2/3");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("the environment variable NOPE is not set"), r::toString);
        CliRunner.Result both = cli().run("shamir", "split", "--group", "2/3");
        assertEquals(2, both.code(), both::toString);
    }
}
