package io.countersign.app.cli;

import io.countersign.hw.DeviceInfo;
import io.countersign.hw.HardwareSigners;
import io.countersign.hw.transport.UsbDiscovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code countersign devices}: connected Ledger and Trezor wallets, and transports that cannot run here. */
@Command(name = "devices", mixinStandardHelpOptions = true, description = "List connected Ledger and Trezor devices.")
final class DevicesCommand implements Runnable {
    @ParentCommand
    CountersignCommand root;

    @Override
    public void run() {
        Output out = root.output();
        UsbDiscovery.Result found = HardwareSigners.discover();
        var node = out.object();
        var devices = node.putArray("devices");
        StringBuilder human = new StringBuilder();
        for (DeviceInfo d : found.devices()) {
            devices.addObject().put("vendor", d.vendor().name().toLowerCase()).put("model", d.model())
                    .put("transport", d.transport().name().toLowerCase()).put("id", d.id())
                    .put("version", d.version()).put("state", d.state().name().toLowerCase()).put("uri", d.uri());
            human.append(d.model()).append("  ").append(d.transport().name().toLowerCase()).append("  ").append(d.id())
                    .append(d.version() == null ? "" : "  " + d.version()).append("  ").append(d.state().name().toLowerCase())
                    .append("  --signer ").append(d.uri()).append('\n');
        }
        var notes = node.putArray("notes");
        found.notes().forEach(notes::add);
        if (found.devices().isEmpty()) {
            human.append("No Ledger or Trezor found. Plug the device in and unlock it; on Linux install the udev rules "
                    + "(sudo packaging/linux/udev/install-udev-rules.sh, see docs/devices.md).\n");
        }
        found.notes().forEach(n -> human.append("note: ").append(n).append('\n'));
        out.result(node, human.toString().stripTrailing());
    }
}
