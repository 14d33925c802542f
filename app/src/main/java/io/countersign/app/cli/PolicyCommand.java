package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.PolicySteps;
import io.countersign.app.session.PolicyAdmin;
import io.countersign.eth.Signer;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.policy.PolicyStore;
import io.countersign.policy.SignedBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code countersign policy …}: check a request, and sign, install and show signed policy bundles (docs/policy.md). */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "The signed policy that gates every signature.")
final class PolicyCommand {
    @ParentCommand
    CountersignCommand root;

    static String read(Path file) {
        try {
            return io.countersign.eth.json.JsonErrors.utf8(file.toString(), Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new CountersignException.Usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "The gate's decision on a request, without signing (exit 3 unless it may be signed).")
    static final class Check implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        PolicyCommand policy;

        @Parameters(paramLabel = "REQ")
        Path request;

        @Option(names = "--policy", paramLabel = "FILE", description = "Check against this signed bundle or draft YAML instead of the installed policy.")
        Path policyFile;

        /** Exit 0 when the request may be signed, 3 otherwise; the decision is printed either way (one JSON object with --json). */
        @Override
        public Integer call() {
            Output out = policy.root.output();
            try (AppContext ctx = policy.root.context()) {
                if (policyFile != null) {
                    ctx.policy(PolicySteps.fromFile(ctx, read(policyFile), policyFile.toString()));
                }
                SafeRequest r = RequestFile.read(request);
                io.countersign.policy.Decision v = new PolicyAdmin(ctx).check(r, n -> out.info("Note: " + n));
                String policyName = ctx.policy().name();
                List<String> reasonLines = io.countersign.app.session.DecisionLines.reasons(v);
                boolean signable = io.countersign.app.session.DecisionLines.signable(v);
                var node = out.object();
                node.put("decision", v.word());
                var reasons = node.putArray("reasons");
                reasonLines.forEach(reasons::add);
                node.put("policy", policyName);
                node.put("safeTxHash", r.hashes().safeTxHashHex());
                StringBuilder human = new StringBuilder("Decision: " + v.word() + " (" + policyName + ")");
                human.append(SafeCommand.fieldLines(r));
                io.countersign.app.session.ReadableCalls.of(ctx, r).lines().forEach(l -> human.append("\n  ").append(l.text()));
                reasonLines.forEach(x -> human.append("\n  - ").append(x));
                if (!signable) {
                    node.put("exitCode", 3);
                }
                out.result(node, human.toString());
                if (!signable) {
                    out.info("error: not signable: " + ("none".equals(policyName) ? "no signed policy is installed"
                            : policyName + " decides " + v.word()));
                    return 3;
                }
                return 0;
            }
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Add a policy admin's signature to a bundle (YAML in, or a bundle JSON to co-sign).")
    static final class Sign implements Runnable {
        @ParentCommand
        PolicyCommand policy;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Mixin
        SignerOptions signerOptions;

        @Option(names = "--out", paramLabel = "BUNDLE", description = "Where to write (default: FILE itself for a bundle, FILE.bundle.json for YAML).")
        Path outFile;

        @Override
        public void run() {
            Output out = policy.root.output();
            String text = read(file);
            boolean isBundle = text.stripLeading().startsWith("{");
            SignedBundle bundle = PolicyAdmin.readBundleOrDraft(file);
            try (AppContext ctx = policy.root.context(); Signer signer = signerOptions.open(ctx, new CliListener(out))) {
                PolicyAdmin.requireNotSignedBy(bundle, signer.address(), file.toString());
                out.info("Signing policy bundle " + bundle.bundleHash() + " (EIP-191 message of its 32-byte hash)");
                Path target = outFile != null ? outFile : isBundle ? file : Path.of(file + ".bundle.json");
                SignedBundle signed = new PolicyAdmin(ctx).sign(bundle, signer, target, file.toString());
                var last = signed.signatures().getLast();
                var node = out.object();
                node.put("signer", last.signer().toString());
                node.put("bundleHash", signed.bundleHash());
                node.put("signatures", signed.signatures().size());
                node.put("file", target.toString());
                out.result(node, "Signed by " + last.signer() + " (" + Plural.of(signed.signatures().size(), "signature")
                        + ") into " + target);
            }
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true, description = "Verify a signed bundle (quorum of pinned admins, higher version) and make it active.")
    static final class Install implements Runnable {
        @ParentCommand
        PolicyCommand policy;

        @Parameters(paramLabel = "BUNDLE")
        Path file;

        @Override
        public void run() {
            Output out = policy.root.output();
            try (AppContext ctx = policy.root.context()) {
                String text = read(file);
                if (!text.stripLeading().startsWith("{")) {
                    throw new CountersignException.Usage(file + " is a policy draft (YAML), not a signed bundle: each admin signs it "
                            + "with `countersign policy sign " + file + " --signer …`, which makes " + file + ".bundle.json; install that");
                }
                // the store journals the install (POLICY_INSTALL) before it writes the policy folder; the head after
                // it is kept beside the policy, so a journal cut back before it no longer verifies
                PolicyStore.Installed installed = new PolicyAdmin(ctx).install(SignedBundle.fromJson(text, file.toString()));
                var node = out.object();
                node.put("version", installed.policy().version());
                node.put("bundleHash", installed.verified().bundleHash());
                node.put("firstInstall", installed.firstInstall());
                out.result(node, "Installed policy v" + installed.policy().version() + " (" + installed.verified().bundleHash() + ")"
                        + (installed.firstInstall() ? "\nFirst install: its " + installed.pinned().admins().size() + " admins and threshold "
                                + installed.pinned().threshold() + " are now pinned; later bundles need their quorum." : ""));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the installed policy.")
    static final class Show implements Runnable {
        @ParentCommand
        PolicyCommand policy;

        @Override
        public void run() {
            Output out = policy.root.output();
            try (AppContext ctx = policy.root.context()) {
                PolicyStore store = new PolicyStore(ctx.dataDir(), ctx.journal());
                PolicyStore.Installed installed = store.load();
                var node = out.object();
                node.put("version", installed.policy().version());
                node.put("bundleHash", installed.verified().bundleHash());
                var signers = node.putArray("signers");
                installed.verified().signers().forEach(s -> signers.add(s.toString()));
                node.put("adminThreshold", installed.pinned().threshold());
                var admins = node.putArray("admins");
                installed.pinned().admins().forEach(a -> admins.add(a.toString()));
                node.put("policy", installed.verified().policy().toString());
                out.result(node, "Policy v" + installed.policy().version() + " " + installed.verified().bundleHash()
                        + "\nsigned by " + installed.verified().signers() + "\nadmins " + installed.pinned().threshold() + " of "
                        + installed.pinned().admins() + "\n\n" + SignedBundle.fromJson(read(store.bundleFile())).policyYaml());
            }
        }
    }
}
