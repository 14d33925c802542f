package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.DataDirs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code countersign}: the root command and its global options (valid before or after the command words). */
@Command(name = "countersign", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Treasury signing console for Safe and timelock transactions. Without a command, opens the console "
                + "(with --data-dir, --rpc, --offline, --dev-mode, --allow-emulator as given, the rest from the data folder's settings).",
        footer = {"", "Exit codes: 0 ok, 1 error, 2 usage, 3 denied by policy, 4 refused on the device, 5 no device / locked / wrong app."})
public final class CountersignCommand implements Runnable {
    /**
     * The command tree: each command's subcommands, in the order help lists them. It is here
     * rather than in {@code @Command(subcommands = …)} because picocli builds the model of every
     * command it is given, by reflection, before it parses a word; {@link Cli} adds only the
     * branch the arguments name (README.md, "Start-up": that was two thirds of {@code safe hash}'s start).
     */
    static final Map<Class<?>, List<Class<?>>> SUBCOMMANDS = Map.of(
            CountersignCommand.class, List.of(SafeCommand.class, TxCommand.class, MessageCommand.class,
                    TypedDataCommand.class, AddressCommand.class, DemoCommand.class, TimelockCommand.class,
                    PolicyCommand.class, AuditCommand.class, DevicesCommand.class, ShamirCommand.class, QrCommand.class),
            SafeCommand.class, List.of(SafeCommand.Info.class, SafeProposeCommand.class, SafeCommand.Hash.class,
                    SafeSignCommand.class, SafeCommand.Merge.class, SafeCommand.Calldata.class, SafeSignCommand.Exec.class,
                    SafeSimulateCommand.class, SafeImportCommand.class, SafeApproveCommand.class),
            TxCommand.class, List.of(TxCommand.Sign.class),
            MessageCommand.class, List.of(MessageCommand.Sign.class),
            TypedDataCommand.class, List.of(TypedDataCommand.Sign.class),
            TimelockCommand.class, List.of(TimelockCommand.Hash.class, TimelockStepCommand.Schedule.class,
                    TimelockStepCommand.Execute.class, TimelockStepCommand.Cancel.class, TimelockCommand.Status.class,
                    TimelockCommand.ListOperations.class),
            PolicyCommand.class, List.of(PolicyCommand.Check.class, PolicyCommand.Sign.class, PolicyCommand.Install.class,
                    PolicyCommand.Show.class),
            AuditCommand.class, List.of(AuditCommand.Verify.class, AuditCommand.CheckpointCommand.class, AuditCommand.Export.class),
            ShamirCommand.class, List.of(ShamirSplitCommand.class, ShamirCommand.Combine.class, ShamirInspectCommand.class),
            QrCommand.class, List.of(QrCommand.Encode.class, QrCommand.Decode.class, QrCommand.Sign.class));

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

    @Option(names = "--allow-emulator", scope = ScopeType.INHERIT,
            description = "Allow the development signers speculos:, trezor-emu: (loopback hosts only) and ledger-replay: "
                    + "(emulators and recordings, never a real device); the signed policy stays enforced.")
    boolean allowEmulator;

    @Option(names = "--allow-blind", scope = ScopeType.INHERIT,
            description = "Permit hash-only (blind) signing: --method eth_sign, hashed EIP-712 on a Ledger app without clear "
                    + "signing, a Trezor One's typed-data hashes. The device then shows only hashes, never the decoded fields; "
                    + "the signature is journalled as blind.")
    boolean allowBlind;

    CountersignCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /**
     * No command word: the console opens with these options ({@code countersign --data-dir D}
     * opens on D). JavaFX is loaded through reflection, so commands never load it.
     */
    @Override
    public void run() {
        var start = new io.countersign.app.session.ConsoleStart(dataDir != null ? dataDir : DataDirs.defaultDataDir(),
                rpc != null ? rpc : env.get("COUNTERSIGN_RPC"), offline, devMode, allowEmulator, env);
        start.context().close(); // a damaged settings file is reported here, as a usage error, before any window
        try {
            Class.forName("io.countersign.app.console.ConsoleLauncher")
                    .getMethod("launch", io.countersign.app.session.ConsoleStart.class).invoke(null, start);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new io.countersign.app.session.CountersignException.Usage("the console cannot start here (" + e
                    + "): JavaFX is not on the class path; start it with the `countersign` launcher, or give a command (--help lists them)");
        }
    }

    /** A new context for one command; the caller closes it. */
    AppContext context() {
        String rpcUrl = rpc != null ? rpc : env.get("COUNTERSIGN_RPC");
        AppContext ctx = new AppContext(dataDir != null ? dataDir : DataDirs.defaultDataDir(), offline, rpcUrl, devMode, allowEmulator, env);
        ctx.allowBlind(allowBlind);
        return ctx;
    }

    Output output() {
        return new Output(json, out, err);
    }
}
