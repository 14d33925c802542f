package io.countersign.app.cli;

import io.countersign.app.session.SafeImporter;
import io.countersign.eth.Address;
import java.math.BigInteger;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The Safe's facts an officer gives when no node is asked ({@code --offline} or no {@code --rpc}):
 * chain id, Safe version, owners and threshold. One definition for {@code safe propose},
 * {@code safe import} and {@code safe approve}: the same option names and help, and the same
 * checks and errors ({@link SafeImporter.GivenFacts#offline}).
 */
final class SafeFactsOptions {
    @Option(names = "--chain-id", paramLabel = "C", description = "Offline: the Safe's chain id.")
    BigInteger chainId;

    @Option(names = "--safe-version", paramLabel = "V", description = "Offline: the Safe's version, e.g. 1.4.1.")
    String safeVersion;

    @Option(names = "--owners", paramLabel = "A,B,…", split = ",", description = "Offline: the Safe's owners, in getOwners order.")
    List<String> owners;

    @Option(names = "--threshold", paramLabel = "T", description = "Offline: the Safe's threshold. With safe propose --add-owner / "
            + "--remove-owner: the new threshold (default: the current one), and --safe-threshold gives the current one offline.")
    Integer threshold;

    /** The facts as given, any of them null; the owners parsed ({@code --owners} named in an error). */
    SafeImporter.GivenFacts given() {
        return given(threshold);
    }

    /** As {@link #given()}, with {@code currentThreshold} as the Safe's threshold. */
    SafeImporter.GivenFacts given(Integer currentThreshold) {
        return new SafeImporter.GivenFacts(chainId, safeVersion,
                owners == null ? null : owners.stream().map(o -> Address.parse(o, "--owners")).toList(), currentThreshold);
    }
}
