package io.countersign.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code countersign demo}: a local chain with a 2-of-3 Safe and the console on it. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Start a local anvil chain with a 2-of-3 Safe and open the console on it with three demo keys.")
final class DemoCommand implements Runnable {
    @ParentCommand
    CountersignCommand root;

    @Override
    public void run() {
        io.countersign.app.demo.Demo.run(root.context(), root.dataDir != null, root.output()::info);
    }
}
