package io.countersign.app.cli;

import io.countersign.app.session.DeviceInventory;
import io.countersign.app.session.UdevHelp;
import io.countersign.hw.DeviceInfo;
import io.countersign.hw.transport.UsbDiscovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code countersign devices}: connected Ledger and Trezor wallets, and transports that cannot run here. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List connected Ledger and Trezor devices; with --signer, ask one for its app version and settings.")
final class DevicesCommand implements Runnable {
    @ParentCommand
    CountersignCommand root;

    @picocli.CommandLine.Option(names = "--signer", paramLabel = "URI",
            description = "Ask this device (ledger, trezor, speculos:…, ledger-replay:…) for its Ethereum app version and settings.")
    String signer;

    @picocli.CommandLine.Option(names = "--forget-pairings",
            description = "Delete the Trezor Safe 7 (THP) pairings stored in the data folder; the next connection asks for the code the Trezor shows.")
    boolean forgetPairings;

    @Override
    public void run() {
        Output out = root.output();
        if (forgetPairings) {
            forget(out);
            return;
        }
        if (signer != null) {
            describe(out);
            return;
        }
        // A WebUSB Trezor is asked protocol v1 first, then THP (as trezorlib's get_client).
        UsbDiscovery.Result found = DeviceInventory.listWithProtocols();
        var node = out.object();
        var devices = node.putArray("devices");
        StringBuilder human = new StringBuilder();
        for (DeviceInfo d : found.devices()) {
            devices.addObject().put("vendor", d.vendor().name().toLowerCase()).put("model", d.model())
                    .put("transport", d.transport().name().toLowerCase()).put("protocol", d.protocol().id()).put("id", d.id())
                    .put("version", d.version()).put("state", d.state().name().toLowerCase()).put("uri", d.uri());
            human.append(line(d)).append('\n');
        }
        var notes = node.putArray("notes");
        found.notes().forEach(notes::add);
        if (found.devices().isEmpty()) {
            human.append("No Ledger or Trezor found. Plug the device in and unlock it")
                    .append(UdevHelp.appliesHere() ? "; on Linux install the udev rules (" + UdevHelp.load().installCommand() + ", see docs/devices.md)" : "")
                    .append(".\n");
        }
        found.notes().forEach(n -> human.append("note: ").append(n).append('\n'));
        out.result(node, human.toString().stripTrailing());
    }

    /**
     * One device as the text listing shows it: model, transport, protocol, id, version (if known),
     * state, and the {@code --signer} that opens it.
     */
    static String line(DeviceInfo d) {
        return d.model() + "  " + d.transport().name().toLowerCase() + "  protocol " + d.protocol().id() + "  " + d.id()
                + (d.version() == null ? "" : "  " + d.version()) + "  " + d.state().name().toLowerCase() + "  --signer " + d.uri();
    }

    /** {@code --forget-pairings}: deletes the data folder's THP pairings and their key. */
    private void forget(Output out) {
        try (io.countersign.app.session.AppContext ctx = root.context()) {
            io.countersign.app.session.Signers.ForgottenPairings f = io.countersign.app.session.Signers.forgetPairings(ctx);
            var node = out.object();
            node.put("forgotten", f.existed()).put("pairings", f.count() < 0 ? null : f.count()).put("file", f.file().toString());
            out.result(node, !f.existed() ? "No Trezor pairings were stored in " + f.file().getParent()
                    : "Forgot " + (f.count() < 0 ? "the unreadable" : String.valueOf(f.count())) + " Trezor pairing" + (f.count() == 1 ? "" : "s")
                            + " (deleted " + f.file() + " and its key); the next connection asks for the code the Trezor shows");
        }
    }

    /** What the device says about itself ({@link io.countersign.eth.Signer#describeDevice()}). */
    private void describe(Output out) {
        var node = out.object();
        var device = node.putObject("device");
        String human;
        try (io.countersign.app.session.AppContext ctx = root.context();
                io.countersign.eth.Signer s = io.countersign.app.session.Signers.factory(ctx).open(signer,
                        io.countersign.eth.Bip32Path.ETHEREUM_FIRST, new CliListener(out), null)) {
            io.countersign.eth.DeviceDescription d = s.describeDevice().orElseThrow(() -> new io.countersign.app.session.CountersignException.Usage(
                    "devices --signer takes a hardware signer (ledger, trezor, speculos:…, trezor-emu:…, ledger-replay:…)"));
            device.put("vendor", d.vendor());
            d.details().forEach((k, v) -> {
                switch (v) {
                    case Boolean b -> device.put(k, b);
                    case Integer n -> device.put(k, n);
                    case Long n -> device.put(k, n);
                    default -> device.put(k, String.valueOf(v));
                }
            });
            human = d.summary();
            io.countersign.app.session.Signers.release(s);
        }
        out.result(node, human);
    }
}
