package io.countersign.app.cli;

import io.countersign.app.session.IntentLines;
import io.countersign.app.session.SessionListener;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.Intent;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTxFields;
import io.countersign.multisig.SafeTxHashes;
import java.util.List;

/** Shows the session's steps on stderr: decoded calls, the full hashes, the decision, device prompts. */
final class CliListener implements SessionListener {
    private final Output output;
    private String software;
    private io.countersign.app.session.LazySigner chosen;
    private io.countersign.app.session.AppContext context;

    CliListener(Output output) {
        this.output = output;
    }

    /**
     * Names what the decoded calls touch with what {@code ctx} knows (the policy's tokens and
     * address book, Safe's deployments, online the token's own symbol and decimals), as
     * {@code policy check} and the console do; without it the calls are shown in base units.
     */
    CliListener readWith(io.countersign.app.session.AppContext ctx) {
        this.context = ctx;
        return this;
    }

    @Override
    public void decoded(SafeRequest request, List<Intent> intents) {
        output.info("Safe " + request.safe() + " on " + request.chainName() + ", nonce " + request.tx().nonce()
                + (request.description().isEmpty() ? "" : " — " + request.description()));
        for (SafeTxFields.Field f : SafeTxFields.of(request.tx(), request.safeVersion())) {
            output.info("  " + f.text());
        }
        if (context != null) {
            // token units and symbols, the address book's and Safe's own names: as the console and policy check show them
            for (io.countersign.app.session.ReadableCalls.Line line : io.countersign.app.session.ReadableCalls.of(context, request, intents).lines()) {
                output.info("  " + line.text());
            }
            return;
        }
        for (IntentLines.Line line : IntentLines.of(intents)) {
            output.info("  " + line.text());
        }
    }

    @Override
    public void hashes(SafeRequest request, SafeTxHashes hashes) {
        output.info("  domain hash   " + Hex.encode(hashes.domainHash()));
        output.info("  message hash  " + Hex.encode(hashes.messageHash()));
        output.info("  safeTxHash    " + hashes.safeTxHashHex());
    }

    @Override
    public void decided(io.countersign.policy.Decision decision, String policy) {
        output.info("Policy (" + policy + "): " + decision.word());
        io.countersign.app.session.DecisionLines.reasons(decision).forEach(r -> output.info("  - " + r));
    }

    /** A software key has no device to confirm on: its prompts say what is signed, not "confirm on your device". */
    void signerOpened(io.countersign.eth.Signer signer) {
        this.software = signer instanceof io.countersign.eth.SoftwareSigner ? signer.label() : null;
    }

    /**
     * The signer a command will use, still unopened. The prompt before signing needs to know
     * whether it is a device, so {@link #confirmOnDevice} opens it then: always after the gate
     * allowed the request, since the sessions ask for a confirmation only once it has.
     */
    void signerChosen(io.countersign.app.session.LazySigner signer) {
        this.chosen = signer;
    }

    @Override
    public void confirmOnDevice(String whatTheDeviceShows) {
        if (chosen != null && !chosen.isOpen()) {
            chosen.opened();
        }
        output.info(software != null ? "Signing with " + software + " (no device to confirm on): " + whatTheDeviceShows
                : "Confirm on your device: " + whatTheDeviceShows);
    }

    /**
     * A Trezor Safe 7 pairing: the code from the terminal, else the first line of standard input
     * ({@link PairingCodePrompt}); never from argv.
     */
    @Override
    public String thpPairingCode(String device) {
        return PairingCodePrompt.read(device, output::info, System.console(), System.in);
    }

    /** What the session simulated, or the simulation the file carried offline (for --json). */
    io.countersign.eth.simulation.Simulation simulation;
    io.countersign.app.session.SafeSimulations.Carried carried;

    @Override
    public void simulated(SafeRequest request, io.countersign.eth.simulation.Simulation s) {
        this.simulation = s;
        output.info("What it does on chain (" + s.provenance() + "):");
        movementLines(request, s);
    }

    @Override
    public void carriedSimulation(SafeRequest request, io.countersign.app.session.SafeSimulations.Carried c) {
        this.carried = c;
        output.info("What it did on chain when " + c.label() + ":");
        movementLines(request, c.simulation());
    }

    private void movementLines(SafeRequest request, io.countersign.eth.simulation.Simulation s) {
        var policy = context == null ? java.util.Optional.<io.countersign.policy.Policy>empty() : context.policy().policyDocument();
        for (var line : io.countersign.app.session.SafeSimulations.lines(s, request.safe(), policy)) {
            output.info("  " + (line.kind() == io.countersign.app.session.SafeSimulations.Line.Kind.WARNING ? "! " : "")
                    + line.text());
        }
    }

    @Override
    public void notice(String message) {
        output.info("Note: " + message);
    }
}
