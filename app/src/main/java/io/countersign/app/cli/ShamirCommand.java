package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.shamir.Recovery;
import io.countersign.app.shamir.SecretKind;
import io.countersign.app.shamir.ShamirCeremony;
import io.countersign.app.shamir.ShamirNotes;
import io.countersign.shamir.ShamirException;
import io.countersign.shamir.Share;
import io.countersign.shamir.Slip39;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code countersign shamir …}: SLIP-39 shares for recovery guardians. Secrets and passphrases
 * come from environment variables named by options; shares come on stdin, one per line.
 */
@Command(name = "shamir", mixinStandardHelpOptions = true,
        description = "Split a seed into SLIP-39 shares, check shares, and combine them (offline).")
final class ShamirCommand {
    @ParentCommand
    CountersignCommand root;

    /**
     * The non-blank lines of stdin, trimmed. Prompts on stderr when a person is typing.
     *
     * @throws CountersignException.Usage when stdin holds no share
     */
    static List<String> readShares(Output out) {
        if (System.console() != null && System.console().isTerminal()) {
            out.info("Enter the shares, one per line, then Ctrl-D:");
        }
        String text;
        try {
            InputStream in = System.in;
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shares from stdin: " + e.getMessage(), e);
        }
        List<String> lines = Slip39.mnemonicsFromText(text);
        if (lines.isEmpty()) {
            throw new CountersignException.Usage("no shares on stdin: give one share per line");
        }
        return lines;
    }

    /**
     * The bytes of the passphrase in the environment variable {@code name} (UTF-8, so a character
     * outside printable ASCII is refused by SLIP-39 rather than silently replaced); empty when no
     * variable was named.
     */
    static byte[] passphrase(CountersignCommand root, String name) {
        if (name == null) {
            return new byte[0];
        }
        return secretEnv(root, name, "--passphrase-env").getBytes(StandardCharsets.UTF_8);
    }

    /** The value of the environment variable named by an option. */
    static String secretEnv(CountersignCommand root, String name, String option) {
        String value = root.env.get(name);
        if (value == null) {
            throw new CountersignException.Usage(option + " " + name + ": the environment variable " + name + " is not set");
        }
        return value;
    }

    /** A SLIP-39 error as the CLI reports it: exit 1 with the library's message (it names the share). */
    static CountersignException.Refused refused(ShamirException e) {
        return new CountersignException.Refused(e.getMessage());
    }

    @Command(name = "combine", mixinStandardHelpOptions = true,
            description = {"Combine SLIP-39 shares from stdin (one per line) into the master secret.",
                "Prints the fingerprint address (m/44'/60'/0'/0/0) to compare with the one recorded at split time:",
                "a wrong passphrase is not detected, it yields a different wallet."})
    static final class Combine implements Runnable {
        @ParentCommand
        ShamirCommand shamir;

        @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Environment variable holding the SLIP-39 passphrase (default: none).")
        String passphraseEnv;

        @Option(names = "--bip39", description = "The shares hold a BIP-39 phrase's entropy (split with --bip39-env): print the phrase. "
                + "Default: what this workstation's journal recorded at the split, else a master secret.")
        boolean bip39;

        @Option(names = "--master-secret", description = "The shares hold a SLIP-39 master secret (split with --secret-hex-env, "
                + "or a Trezor's own backup).")
        boolean masterSecret;

        private java.util.Optional<io.countersign.journal.JournalEntry> recorded = java.util.Optional.empty();
        private SecretKind kind;

        @Override
        public void run() {
            Output out = shamir.root.output();
            List<String> lines = readShares(out);
            byte[] pass = passphrase(shamir.root, passphraseEnv);
            if (bip39 && masterSecret) {
                throw new CountersignException.Usage("--bip39 and --master-secret exclude each other: the shares protect one or the other");
            }
            try (AppContext ctx = shamir.root.context()) {
                List<Share> shares = Slip39.parseAll(lines);
                recorded = shares.isEmpty() ? java.util.Optional.empty()
                        : ShamirCeremony.recordedSplit(ctx, shares.getFirst().identifier());
                kind = bip39 ? SecretKind.BIP39_ENTROPY : masterSecret ? SecretKind.MASTER_SECRET
                        : recorded.map(e -> SecretKind.valueOf(e.payload().path("secretKind").asString("MASTER_SECRET")))
                                .orElse(SecretKind.MASTER_SECRET);
                List<Integer> positions = IntStream.rangeClosed(1, shares.size()).boxed().toList();
                try (Recovery r = ShamirCeremony.recover(shares, positions, pass, kind)) {
                    ShamirCeremony.journalCombine(ctx, shares);
                    print(out, r);
                }
            } catch (ShamirException e) {
                throw refused(e);
            } finally {
                Arrays.fill(pass, (byte) 0);
            }
        }

        private void print(Output out, Recovery r) throws ShamirException {
            List<String> notes = new ArrayList<>();
            if (r.usedPositions().size() < r.sharesGiven()) {
                notes.add("More shares than needed were given: combined shares " + join(r.usedPositions())
                        + " of " + r.sharesGiven() + "; the others were not needed.");
            }
            boolean asBip39 = kind == SecretKind.BIP39_ENTROPY;
            String said = bip39 ? "--bip39" : masterSecret ? "--master-secret" : null;
            if (said == null && recorded.isPresent()) {
                notes.add("These shares protect " + (asBip39 ? "a BIP-39 phrase" : "a SLIP-39 master secret")
                        + ", as their split recorded (journal entry " + recorded.get().sequence() + ").");
            } else if (said == null) {
                notes.add("This journal has no record of the split: the shares were read as a SLIP-39 master secret. If they protect "
                        + "a BIP-39 phrase (split with --bip39-env), run again with --bip39: the fingerprint differs between the two.");
            }
            notes.add(asBip39 ? ShamirNotes.BIP39_NOT_TREZOR : ShamirNotes.MASTER_SECRET_AS_SEED);
            notes.add(ShamirNotes.WRONG_PASSPHRASE);
            String phrase = asBip39 ? r.bip39() : null;
            String recordedFingerprint = recorded.map(e -> e.payload().path("fingerprint").asString("")).orElse("");
            var node = out.object();
            node.put("secretHex", r.secretHex());
            if (asBip39) {
                node.put("bip39", phrase);
            }
            node.put("fingerprint", r.fingerprint().toString());
            node.put("fingerprintPath", "m/44'/60'/0'/0/0");
            node.put("secretKind", asBip39 ? "bip39" : "master-secret");
            if (!recordedFingerprint.isEmpty()) {
                node.put("recordedFingerprint", recordedFingerprint);
                node.put("fingerprintMatches", recordedFingerprint.equals(r.fingerprint().toString()));
            }
            var used = node.putArray("sharesUsed");
            r.usedPositions().forEach(used::add);
            node.put("sharesGiven", r.sharesGiven());
            node.put("status", r.summary());
            var warnings = node.putArray("warnings");
            notes.forEach(warnings::add);
            StringBuilder human = new StringBuilder();
            human.append("secret       ").append(r.secretHex()).append("  (").append(r.secretLength() * 8).append(" bits)\n");
            if (asBip39) {
                human.append("bip39        ").append(phrase).append('\n');
            }
            human.append("fingerprint  ").append(r.fingerprint()).append("  (m/44'/60'/0'/0/0)\n");
            if (!recordedFingerprint.isEmpty()) {
                human.append("recorded     ").append(recordedFingerprint).append("  (at the split, journal entry ")
                        .append(recorded.get().sequence()).append(recordedFingerprint.equals(r.fingerprint().toString())
                                ? "): the same address\n" : "): DIFFERENT: stop; check the passphrase, then the shares\n");
            }
            human.append("shares       ").append(r.summary()).append('\n');
            notes.forEach(n -> human.append("\nNote: ").append(n));
            out.result(node, human.toString());
        }
    }

    static String join(List<Integer> positions) {
        return String.join(", ", positions.stream().map(String::valueOf).toList());
    }
}
