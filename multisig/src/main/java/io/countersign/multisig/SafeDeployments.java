package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Safe's own contracts at their official addresses, versions 1.3.0 and 1.4.1 (singletons,
 * proxy factories, MultiSend, MultiSendCallOnly, CompatibilityFallbackHandler, SignMessageLib,
 * CreateCall, SimulateTxAccessor, the 1.4.1 migration and L2 setup contracts), each with the
 * chains where Safe lists it and the keccak-256 of its runtime code. The table is
 * {@code safe-deployments.tsv} beside this class, taken from the safe-deployments repository
 * (its header names the commit).
 *
 * <p>An address alone names the contract only where Safe lists it; elsewhere the same address
 * may hold other code (or none). {@link Deployment#codeHash()} lets an online caller compare the
 * chain's code with the listed one.
 */
public final class SafeDeployments {
    private static volatile Map<Address, List<Deployment>> byAddress;

    private SafeDeployments() {}

    /**
     * One listed deployment.
     *
     * @param contractName Safe's name for it, e.g. {@code MultiSendCallOnly}
     * @param version e.g. {@code 1.4.1}
     * @param type {@code canonical}, {@code eip155} or {@code zksync} (how it was deployed)
     * @param address where it is
     * @param codeHash keccak-256 of its runtime code (32 bytes)
     * @param chains the EIP-155 chain ids where Safe lists this deployment
     */
    public record Deployment(String contractName, String version, String type, Address address, byte[] codeHash,
            Set<BigInteger> chains) {
        /** {@code "MultiSendCallOnly 1.4.1"}. */
        public String name() {
            return contractName + " " + version;
        }

        /** Whether Safe lists this deployment on {@code chainId}. */
        public boolean listedOn(BigInteger chainId) {
            return chains.contains(chainId);
        }
    }

    /** The deployments at {@code address} (several when one address serves several versions' lists), in table order. */
    public static List<Deployment> at(Address address) {
        return table().getOrDefault(address, List.of());
    }

    /**
     * The deployment at {@code address} that Safe lists on {@code chainId}, else the first at
     * that address (listed elsewhere only).
     */
    public static Optional<Deployment> find(BigInteger chainId, Address address) {
        List<Deployment> all = at(address);
        return all.stream().filter(d -> d.listedOn(chainId)).findFirst().or(() -> all.stream().findFirst());
    }

    private static Map<Address, List<Deployment>> table() {
        Map<Address, List<Deployment>> t = byAddress;
        if (t == null) {
            synchronized (SafeDeployments.class) {
                if (byAddress == null) {
                    byAddress = load();
                }
                t = byAddress;
            }
        }
        return t;
    }

    private static Map<Address, List<Deployment>> load() {
        Map<Address, List<Deployment>> map = new HashMap<>();
        try (InputStream in = SafeDeployments.class.getResourceAsStream("safe-deployments.tsv")) {
            if (in == null) {
                throw new IllegalStateException("safe-deployments.tsv is missing from the multisig jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                Set<BigInteger> chains = new LinkedHashSet<>();
                for (String id : f[5].split(",")) {
                    if (!id.isEmpty()) {
                        chains.add(new BigInteger(id));
                    }
                }
                Address address = Address.parse(f[3], "safe-deployments address");
                map.computeIfAbsent(address, a -> new ArrayList<>()).add(new Deployment(f[0], f[1], f[2], address,
                        Hex.decode(f[4], "safe-deployments codeHash", 32), Collections.unmodifiableSet(chains)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        map.replaceAll((a, l) -> List.copyOf(l));
        return Map.copyOf(map);
    }
}
