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

        @Option(names = "--fingerprint", paramLabel = "ADDRESS", description = "The fingerprint address the guardians recorded at "
                + "the split (on every share card). Compared with the recovered one; when this journal has no record of the split "
                + "and neither --bip39 nor --master-secret is given, the reading of the shares that yields it is used.")
        String fingerprint;

        private java.util.Optional<io.countersign.journal.JournalEntry> recorded = java.util.Optional.empty();
        private SecretKind kind;
        /** How the kind was decided, for the note: "flag", "journal", "fingerprint" or "answer". */
        private String decidedBy;
        /** The fingerprint to compare with: the journal's record, else --fingerprint or the answer at the terminal. */
        private String expected = "";

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
                io.countersign.eth.Address given = fingerprint == null ? null : io.countersign.eth.Address.parse(fingerprint, "--fingerprint");
                kind = bip39 ? SecretKind.BIP39_ENTROPY : masterSecret ? SecretKind.MASTER_SECRET
                        : recorded.map(e -> SecretKind.valueOf(e.payload().path("secretKind").asString("MASTER_SECRET"))).orElse(null);
                decidedBy = bip39 || masterSecret ? "flag" : recorded.isPresent() ? "journal" : null;
                expected = recorded.map(e -> e.payload().path("fingerprint").asString("")).filter(f -> !f.isEmpty())
                        .orElse(given == null ? "" : given.toString());
                List<Integer> positions = IntStream.rangeClosed(1, shares.size()).boxed().toList();
                // Combine first (too few shares, a bad digest are reported as such), then settle what the secret is.
                try (Recovery asMaster = ShamirCeremony.recover(shares, positions, pass, SecretKind.MASTER_SECRET)) {
                    if (kind == null) {
                        decideKind(out, io.countersign.shamir.CeremonyStatus.of(shares), asMaster, given);
                    }
                    try (Recovery r = asMaster.as(kind)) {
                        ShamirCeremony.journalCombine(ctx, shares);
                        print(out, r);
                    }
                }
            } catch (ShamirException e) {
                throw refused(e);
            } finally {
                Arrays.fill(pass, (byte) 0);
            }
        }

        /**
         * What the shares protect when neither a flag nor this journal says: the reading (SLIP-39
         * master secret, or BIP-39 entropy) whose fingerprint is the one the guardians recorded,
         * given with --fingerprint or typed at the terminal; or "bip39" / "master" typed at the
         * terminal. Without a terminal and without --fingerprint, nothing is assumed: the command
         * stops, showing the split's parameters read from the shares to check against the cards.
         */
        private void decideKind(Output out, io.countersign.shamir.CeremonyStatus status, Recovery asMaster,
                io.countersign.eth.Address given) throws io.countersign.shamir.InvalidBip39Exception {
            String params = "identifier " + status.identifier() + ": " + status.groupThreshold() + " of " + status.groupCount()
                    + (status.groupCount() == 1 ? " group" : " groups") + " ("
                    + String.join(", ", status.groups().stream().map(g -> "group " + (g.groupIndex() + 1) + " needs "
                            + g.memberThreshold()).toList())
                    + "), iteration exponent " + status.iterationExponent() + (status.extendable() ? ", extendable" : ", not extendable");
            String question = "This workstation's journal has no record of the split of these shares (" + params
                    + "), so what they protect is not known here. Check these figures against the share cards, then say what the "
                    + "shares protect: ";
            if (given != null) {
                decideByFingerprint(asMaster, given);
                return;
            }
            java.io.Console console = System.console();
            if (console == null || !console.isTerminal()) {
                throw new CountersignException.Usage(question + "--fingerprint 0x… (the address on the share cards: the reading "
                        + "that yields it is used), --bip39 (a BIP-39 phrase) or --master-secret (a SLIP-39 master secret, or a "
                        + "Trezor's own backup)");
            }
            out.info(question);
            for (int i = 0; i < 3; i++) {
                String line = console.readLine("%s", "Fingerprint address from the share cards (0x…), or bip39, or master: ");
                if (line == null) {
                    break;
                }
                line = line.strip();
                if (line.equalsIgnoreCase("bip39")) {
                    kind = SecretKind.BIP39_ENTROPY;
                    decidedBy = "answer";
                    return;
                }
                if (line.equalsIgnoreCase("master")) {
                    kind = SecretKind.MASTER_SECRET;
                    decidedBy = "answer";
                    return;
                }
                try {
                    io.countersign.eth.Address typed = io.countersign.eth.Address.parse(line, "fingerprint");
                    expected = typed.toString();
                    decideByFingerprint(asMaster, typed);
                    return;
                } catch (io.countersign.eth.EthException e) {
                    console.printf("%s%n", "Not an address: " + e.getMessage());
                }
            }
            throw new CountersignException.Usage("no answer: what the shares protect was not said; nothing was recovered");
        }

        private void decideByFingerprint(Recovery asMaster, io.countersign.eth.Address given) {
            io.countersign.eth.Address asBip39 = null;
            try (Recovery b = asMaster.as(SecretKind.BIP39_ENTROPY)) {
                asBip39 = b.fingerprint();
            } catch (io.countersign.shamir.InvalidBip39Exception notBip39Length) {
                // a secret of a length BIP-39 has no phrase for: only the master-secret reading exists
            }
            if (asMaster.fingerprint().equals(given)) {
                kind = SecretKind.MASTER_SECRET;
            } else if (given.equals(asBip39)) {
                kind = SecretKind.BIP39_ENTROPY;
            } else {
                throw new CountersignException.Refused("DIFFERENT: stop. Neither reading of these shares yields the recorded fingerprint "
                        + given + ": as a SLIP-39 master secret they give " + asMaster.fingerprint()
                        + (asBip39 == null ? "" : ", as a BIP-39 phrase " + asBip39)
                        + ". Check the passphrase, then the shares; nothing was recovered");
            }
            decidedBy = "fingerprint";
        }

        private void print(Output out, Recovery r) throws ShamirException {
            List<String> notes = new ArrayList<>();
            if (r.usedPositions().size() < r.sharesGiven()) {
                notes.add("More shares than needed were given: combined shares " + join(r.usedPositions())
                        + " of " + r.sharesGiven() + "; the others were not needed.");
            }
            boolean asBip39 = kind == SecretKind.BIP39_ENTROPY;
            String what = asBip39 ? "a BIP-39 phrase" : "a SLIP-39 master secret";
            switch (decidedBy) {
                case "journal" -> notes.add("These shares protect " + what + ", as their split recorded (journal entry "
                        + recorded.get().sequence() + ").");
                case "fingerprint" -> notes.add("This journal has no record of the split; the shares were read as " + what
                        + " because that reading yields the recorded fingerprint " + expected + " (the other reading does not).");
                case "answer" -> notes.add("This journal has no record of the split; the shares were read as " + what
                        + ", as answered at the terminal.");
                default -> { }
            }
            notes.add(asBip39 ? ShamirNotes.BIP39_NOT_TREZOR : ShamirNotes.MASTER_SECRET_AS_SEED);
            notes.add(ShamirNotes.WRONG_PASSPHRASE);
            String phrase = asBip39 ? r.bip39() : null;
            String recordedFingerprint = expected;
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
                human.append("recorded     ").append(recordedFingerprint).append(recorded.isPresent() && !recorded.get().payload()
                                .path("fingerprint").asString("").isEmpty() ? "  (at the split, journal entry " + recorded.get().sequence()
                                : "  (from the share cards, as given").append(recordedFingerprint.equals(r.fingerprint().toString())
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
