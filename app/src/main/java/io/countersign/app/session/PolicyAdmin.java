package io.countersign.app.session;

import io.countersign.eth.Signer;
import io.countersign.eth.intent.Intent;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.policy.Decision;
import io.countersign.policy.Policy;
import io.countersign.policy.PolicyException;
import io.countersign.policy.PolicyParser;
import io.countersign.policy.PolicyStore;
import io.countersign.policy.SignedBundle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Policy administration and checking, shared by {@code countersign policy sign / install / check}
 * and the console's Policy screen (docs/policy.md): a draft's parse with the line an error names,
 * an admin's signature over a bundle (journalled as {@code SIGNATURE} of kind
 * {@code policy-bundle}), a co-admin's signature file added, an install (journalled as
 * {@code POLICY_INSTALL} by {@link PolicyStore}, its head recorded by {@link JournalAnchors}), and
 * the gate's decision on a request without signing.
 */
public final class PolicyAdmin {
    private static final Pattern AT_LINE = Pattern.compile("\\(line (\\d+), column \\d+\\)");
    private static final Pattern PATH = Pattern.compile("^(policy(?:\\.[A-Za-z0-9_-]+|\\[\\d+\\])*)[: ]");
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)\\]");

    private final AppContext ctx;

    public PolicyAdmin(AppContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A draft as read: the policy, or the first error with the 1-based line it names (0 when it
     * names none).
     */
    public record Draft(Optional<Policy> policy, String error, int line) {
        public boolean ok() {
            return policy.isPresent();
        }
    }

    /**
     * Parses draft YAML as {@code policy sign} does. A syntax error carries its own line; a field
     * error ({@code policy.rules[2].perDay: …}) is placed on the line where that field's value
     * starts in {@code yaml}.
     *
     * @param name the file name errors start with
     */
    public static Draft parseDraft(String yaml, String name) {
        try {
            return new Draft(Optional.of(PolicyParser.parse(yaml, name)), "", 0);
        } catch (PolicyException e) {
            String message = e.getMessage() == null ? "invalid policy" : e.getMessage();
            return new Draft(Optional.empty(), message, lineOf(yaml, message));
        }
    }

    /** The 1-based line an error message names: {@code (line L, column C)}, or its leading field path; 0 if neither. */
    static int lineOf(String yaml, String message) {
        Matcher at = AT_LINE.matcher(message);
        if (at.find()) {
            return Integer.parseInt(at.group(1));
        }
        Matcher path = PATH.matcher(message);
        if (!path.find()) {
            return 0;
        }
        Node node;
        try {
            Optional<Node> root = new org.snakeyaml.engine.v2.api.lowlevel.Compose(LoadSettings.builder().build()).composeString(yaml);
            if (root.isEmpty()) {
                return 0;
            }
            node = root.get();
        } catch (RuntimeException e) {
            return 0;
        }
        String rest = path.group(1).substring("policy".length());
        Matcher step = STEP.matcher(rest);
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        while (step.find()) {
            Node next = null;
            if (step.group(1) != null && node instanceof MappingNode map) {
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(step.group(1))) {
                        next = t.getValueNode();
                        line = k.getStartMark().map(m -> m.getLine() + 1).orElse(line);
                    }
                }
            } else if (step.group(2) != null && node instanceof SequenceNode seq) {
                int i = Integer.parseInt(step.group(2));
                if (i < seq.getValue().size()) {
                    next = seq.getValue().get(i);
                    line = next.getStartMark().map(m -> m.getLine() + 1).orElse(line);
                }
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return line;
    }

    /**
     * What is installed, from the store (re-verified against the journal on every load).
     *
     * @return empty when no bundle was ever installed
     * @throws PolicyException if the installed files disagree with the journal
     */
    public Optional<PolicyStore.Installed> installed() {
        return store().loadIfPresent();
    }

    /** The installed bundle's YAML text as signed. */
    public String installedYaml() {
        return SignedBundle.fromJson(read(store().bundleFile()), store().bundleFile().toString()).policyYaml();
    }

    private PolicyStore store() {
        return new PolicyStore(ctx.dataDir(), ctx.journal());
    }

    static String read(Path file) {
        try {
            return io.countersign.eth.json.JsonErrors.utf8(file.toString(), java.nio.file.Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new CountersignException.Usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads a policy file: a signed bundle (JSON) or a draft (YAML) that must parse.
     *
     * @throws CountersignException.Usage if the file cannot be read
     * @throws PolicyException            if a draft does not parse or a bundle's text does not match its hash
     */
    public static SignedBundle readBundleOrDraft(Path file) {
        String text = read(file);
        if (text.stripLeading().startsWith("{")) {
            return SignedBundle.fromJson(text, file.toString());
        }
        PolicyParser.parse(text, file.toString());
        return SignedBundle.unsigned(text);
    }

    /**
     * Adds {@code signer}'s signature over the bundle's 32-byte hash (EIP-191; a device shows the
     * hash), writes the bundle atomically to {@code target} and journals {@code SIGNATURE} (kind
     * {@code policy-bundle}, bundle hash, signer).
     *
     * @throws CountersignException.Refused if this admin already signed it: nothing is signed, written or journalled
     */
    public SignedBundle sign(SignedBundle bundle, Signer signer, Path target, String name) {
        requireNotSignedBy(bundle, signer.address(), name);
        SignedBundle signed = bundle.signedBy(signer);
        RequestFile.writeAtomically(target, signed.toJson());
        var last = signed.signatures().getLast();
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("kind", "policy-bundle");
        journal.put("bundleHash", signed.bundleHash());
        journal.put("signer", last.signer().toString());
        ctx.journal().append(EntryKind.SIGNATURE, journal);
        return signed;
    }

    /**
     * Each admin signs a bundle once.
     *
     * @throws CountersignException.Refused if {@code who} already signed {@code bundle}
     */
    public static void requireNotSignedBy(SignedBundle bundle, io.countersign.eth.Address who, String name) {
        if (bundle.signatures().stream().anyMatch(x -> x.signer().equals(who))) {
            throw new CountersignException.Refused(name + " already holds a signature of admin " + who
                    + "; each admin signs a bundle once, so nothing was signed, written or journalled");
        }
    }

    /**
     * Adds the signatures of a co-admin's copy of the same bundle (their {@code policy sign}
     * output). Each signature in {@code other} was checked when it was read.
     *
     * @throws CountersignException.Refused if {@code other} is a different policy (another bundle hash)
     */
    public static SignedBundle addSignatures(SignedBundle bundle, SignedBundle other, String otherName) {
        if (!other.bundleHash().equalsIgnoreCase(bundle.bundleHash())) {
            throw new CountersignException.Refused(otherName + " signs bundle " + other.bundleHash() + ", not this draft's "
                    + bundle.bundleHash() + ": the texts differ, so its signatures were not added");
        }
        List<SignedBundle.BundleSignature> all = new ArrayList<>(bundle.signatures());
        for (SignedBundle.BundleSignature s : other.signatures()) {
            if (all.stream().noneMatch(x -> x.signer().equals(s.signer()))) {
                all.add(s);
            }
        }
        return new SignedBundle(bundle.policyYaml(), bundle.bundleHash(), all);
    }

    /**
     * Verifies and installs a signed bundle (quorum of the pinned admins, a higher version; the
     * first install pins the bundle's admins), journals {@code POLICY_INSTALL}, records the journal
     * head after it, and makes it this context's policy.
     *
     * @throws PolicyException naming what is wrong; nothing was installed
     */
    public PolicyStore.Installed install(SignedBundle bundle) {
        PolicyStore.Installed installed = store().install(bundle, Instant.now());
        new JournalAnchors(ctx).recordPolicyInstall(installed.verified().bundleHash(), installed.policy().version());
        if (!ctx.devMode()) {
            ctx.policy(PolicySteps.installed(ctx));
        }
        return installed;
    }

    /** Whether no bundle was installed yet: the next install pins its admins (trust on first use). */
    public boolean firstInstall() {
        return store().pinnedAdmins().isEmpty();
    }

    /**
     * The gate's decision on a request file under the current policy, without signing or journalling.
     *
     * @param request the request, as read (hash and signatures checked)
     * @param notes   receives notes about approvals that were not counted
     */
    public Decision check(SafeRequest request, java.util.function.Consumer<String> notes) {
        List<Intent> intents = ctx.decode(request);
        VerifiedApprovals approvals = VerifiedApprovals.check(request, OnlineSafeChecks.owners(ctx, request, "nothing was checked"),
                ctx.rpcIfOnline());
        approvals.notes().forEach(notes);
        return ctx.policy().evaluate(request.chainId(), request.safe(), request.hashes().safeTxHashHex(), intents, Instant.now(),
                approvals.count() + 1);
    }
}
