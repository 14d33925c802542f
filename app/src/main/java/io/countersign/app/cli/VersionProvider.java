package io.countersign.app.cli;

import picocli.CommandLine;

/** The version from the jar manifest (the POM's version), or "development build". */
public final class VersionProvider implements CommandLine.IVersionProvider {
    /** The application version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Countersign " + version(), "Java " + Runtime.version()};
    }
}
