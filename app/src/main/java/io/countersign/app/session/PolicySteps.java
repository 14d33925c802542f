package io.countersign.app.session;

/** Finds the installed signed policy in the data folder. */
final class PolicySteps {
    private PolicySteps() {}

    static PolicyStep installed(AppContext ctx) {
        return new NoPolicyInstalled("no signed policy is installed in " + ctx.dataDir()
                + ": install one with `countersign policy install FILE` (or run with --dev-mode for testing only)");
    }
}
