package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.DataDirs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code countersign}: the root command and its global options (valid before or after the command words). */
@Command(name = "countersign", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Treasury signing console for Safe and timelock transactions. Without arguments, opens the console.",
        subcommands = {SafeCommand.class, TxCommand.class, MessageCommand.class, TypedDataCommand.class,
            AddressCommand.class, DemoCommand.class, TimelockCommand.class, PolicyCommand.class, AuditCommand.class,
            DevicesCommand.class, ShamirCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 error, 2 usage, 3 denied by policy, 4 refused on the device, 5 no device / locked / wrong app."})
public final class CountersignCommand {
    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Journal, policy and request queue (default: the OS's application-data folder).")
    Path dataDir;

    @Option(names = "--offline", scope = ScopeType.INHERIT, description = "Open no network connection at all.")
    boolean offline;

    @Option(names = "--rpc", scope = ScopeType.INHERIT, paramLabel = "URL", description = "JSON-RPC endpoint of a node.")
    String rpc;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print exactly one JSON object on stdout.")
    boolean json;

    @Option(names = "--dev-mode", scope = ScopeType.INHERIT,
            description = "Run without a signed policy (testing only; the console shows a red banner).")
    boolean devMode;

    CountersignCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** A new context for one command; the caller closes it. */
    AppContext context() {
        String rpcUrl = rpc != null ? rpc : env.get("COUNTERSIGN_RPC");
        return new AppContext(dataDir != null ? dataDir : DataDirs.defaultDataDir(), offline, rpcUrl, devMode, env);
    }

    Output output() {
        return new Output(json, out, err);
    }
}
