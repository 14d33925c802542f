package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.shamir.SecretInput;
import io.countersign.app.shamir.SecretKind;
import io.countersign.app.shamir.ShamirCeremony;
import io.countersign.app.shamir.ShamirNotes;
import io.countersign.app.shamir.ShareCards;
import io.countersign.app.shamir.SplitResult;
import io.countersign.shamir.GroupSpec;
import io.countersign.shamir.ShamirException;
import io.countersign.shamir.Share;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code countersign shamir split}: SLIP-39 shares of a secret taken from the environment. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Split a secret into SLIP-39 shares (two levels: groups of member shares).",
            "The secret comes from an environment variable, never from the command line.",
            "Example: --group-threshold 2 --group 2/3 --group 3/5 (any 2 groups; 2 of 3 and 3 of 5 shares)."})
final class ShamirSplitCommand implements Runnable {
    @ParentCommand
    ShamirCommand shamir;

    static final class Source {
        @Option(names = "--secret-hex-env", paramLabel = "VAR", required = true,
                description = "Environment variable holding the master secret in hex (16..32 bytes, even).")
        String hexEnv;

        @Option(names = "--bip39-env", paramLabel = "VAR", required = true,
                description = "Environment variable holding a BIP-39 phrase: its entropy is split, and combine --bip39 restores the phrase.")
        String bip39Env;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--group-threshold", paramLabel = "G", description = "How many groups recover the secret (default: 1 with one group).")
    Integer groupThreshold;

    @Option(names = "--group", paramLabel = "T/N", required = true,
            description = "A group of N member shares, any T of which rebuild it; repeat for each group (up to 16).")
    List<String> groups;

    @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Environment variable holding the SLIP-39 passphrase (printable ASCII).")
    String passphraseEnv;

    @Option(names = "--iteration-exponent", paramLabel = "E", defaultValue = "1",
            description = "0..15: PBKDF2 work is (10000 << E) iterations (default: ${DEFAULT-VALUE}, as Trezor).")
    int iterationExponent;

    @Option(names = "--no-extendable", description = "Clear the extendable backup flag (for tools older than the 2024 revision).")
    boolean noExtendable;

    @Option(names = "--cards", paramLabel = "DIR", description = "Also print the share cards into this folder: one PDF per share "
            + "(share-g<G>-m<M>.pdf: words, QR code), each created owner-only (0600).")
    Path cards;

    @Option(names = "--label", paramLabel = "TEXT", defaultValue = "", description = "A name for the backup printed on the share cards.")
    String label;

    private List<Path> cardFiles = List.of();

    @Override
    public void run() {
        Output out = shamir.root.output();
        List<GroupSpec> layout = new ArrayList<>();
        try {
            for (String g : groups) {
                layout.add(GroupSpec.parse(g));
            }
        } catch (ShamirException e) {
            throw new CountersignException.Usage(e.getMessage());
        }
        int gt = groupThreshold != null ? groupThreshold : layout.size() == 1 ? 1 : -1;
        if (gt < 0) {
            throw new CountersignException.Usage("--group-threshold is required with more than one --group");
        }
        byte[] pass = ShamirCommand.passphrase(shamir.root, passphraseEnv);
        try (SecretInput secret = secret(); AppContext ctx = shamir.root.context()) {
            SplitResult r = ShamirCeremony.split(secret, pass, gt, layout, iterationExponent, !noExtendable, new SecureRandom());
            if (cards != null) {
                try {
                    cardFiles = ShareCards.write(cards, r, label);
                } catch (java.io.UncheckedIOException e) {
                    throw new CountersignException.Refused(e.getMessage() + "; no share was printed or journalled");
                }
            }
            ShamirCeremony.journalSplit(ctx, r, cards != null);
            print(out, r, secret);
        } catch (ShamirException e) {
            throw ShamirCommand.refused(e);
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }

    private SecretInput secret() throws ShamirException {
        if (source.hexEnv != null) {
            try {
                return SecretInput.fromHex(ShamirCommand.secretEnv(shamir.root, source.hexEnv, "--secret-hex-env"));
            } catch (IllegalArgumentException e) {
                throw new CountersignException.Usage("--secret-hex-env " + source.hexEnv + ": " + e.getMessage());
            }
        }
        return SecretInput.fromBip39(ShamirCommand.secretEnv(shamir.root, source.bip39Env, "--bip39-env"));
    }

    private void print(Output out, SplitResult r, SecretInput secret) {
        var node = out.object();
        node.put("identifier", r.identifier());
        node.put("extendable", r.extendable());
        node.put("iterationExponent", r.iterationExponent());
        node.put("groupThreshold", r.groupThreshold());
        node.put("secretKind", r.kind() == SecretKind.BIP39_ENTROPY ? "bip39" : "master-secret");
        node.put("fingerprint", r.fingerprint().toString());
        var groupsNode = node.putArray("groups");
        StringBuilder human = new StringBuilder();
        human.append("Split a ").append(secret.describe()).append(": ").append(r.describeLayout()).append(".\n");
        human.append("identifier   ").append(r.identifier()).append("  ·  iteration exponent ").append(r.iterationExponent())
                .append("  ·  ").append(r.extendable() ? "extendable" : "not extendable").append('\n');
        human.append("fingerprint  ").append(r.fingerprint()).append("  (m/44'/60'/0'/0/0)\n");
        for (int g = 0; g < r.groups().size(); g++) {
            GroupSpec spec = r.layout().get(g);
            var gn = groupsNode.addObject();
            gn.put("threshold", spec.memberThreshold());
            gn.put("count", spec.memberCount());
            var sharesNode = gn.putArray("shares");
            if (cards == null) {
                human.append("\ngroup ").append(g + 1).append(": any ").append(spec.memberThreshold()).append(" of ")
                        .append(spec.memberCount()).append('\n');
            }
            for (Share s : r.groups().get(g)) {
                sharesNode.add(s.mnemonic());
                if (cards == null) {
                    human.append("  share ").append(g + 1).append('.').append(s.memberIndex() + 1).append("  ")
                            .append(s.mnemonic()).append('\n');
                }
            }
        }
        if (cards != null) {
            node.put("cards", cards.toString());
            var files = node.putArray("cardFiles");
            cardFiles.forEach(f -> files.add(f.toString()));
            human.append("\n").append(r.shareCount()).append(" share cards written to ").append(cards)
                    .append(", one PDF per share (the words are on the cards only):\n");
            cardFiles.forEach(f -> human.append("  ").append(f.getFileName()).append('\n'));
            human.append("Give each file to its guardian only, print it offline, then delete it.\n");
        }
        var warnings = node.putArray("warnings");
        List<String> notes = new ArrayList<>();
        notes.add(ShamirNotes.RECORD_FINGERPRINT);
        notes.add(r.kind() == SecretKind.BIP39_ENTROPY ? ShamirNotes.BIP39_NOT_TREZOR : ShamirNotes.MASTER_SECRET_AS_SEED);
        notes.forEach(warnings::add);
        notes.forEach(n -> human.append("\nNote: ").append(n));
        out.result(node, human.toString());
    }
}
