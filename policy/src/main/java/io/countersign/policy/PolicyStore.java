package io.countersign.policy;

import io.countersign.eth.Address;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The installed policy in a data directory: {@code DATA/policy/bundle.json} (the active signed
 * bundle) and {@code DATA/policy/admins-pin.json} (the admin set and threshold pinned at the first
 * install). Every write goes to a temporary file in the same folder and is renamed over the
 * target, so a crash leaves the old or the new file, never half of one. Loading re-verifies the
 * bundle against the pin, so an edit on disk fails closed.
 */
public final class PolicyStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;

    /** @param dataDir the application data directory ({@code --data-dir}) */
    public PolicyStore(Path dataDir) {
        this.dir = dataDir.resolve("policy");
    }

    /**
     * An installed, verified policy.
     *
     * @param verified the policy, its hash and who signed it
     * @param pinned the pinned admins after this install
     * @param firstInstall whether this install pinned the admins (trust on first use)
     */
    public record Installed(BundleVerifier.Verified verified, AdminSet pinned, boolean firstInstall) {
        /** The parsed policy. */
        public Policy policy() {
            return verified.policy();
        }

        /** A gate for it. */
        public PolicyGate gate() {
            return PolicyGate.of(verified.policy());
        }
    }

    /** The active bundle file. */
    public Path bundleFile() {
        return dir.resolve("bundle.json");
    }

    /** The admin pin file. */
    public Path pinFile() {
        return dir.resolve("admins-pin.json");
    }

    /**
     * Verifies and installs a bundle. On first install the bundle must carry a quorum of its own
     * declared admins, and those admins are pinned; later bundles need a quorum of the pinned
     * admins and a strictly higher version. A bundle that declares a different admin set needs a
     * quorum of both sets, and the pin then moves to the new set.
     *
     * @throws PolicyException which check failed, or {@link PolicyException.PolicyStorageException}
     */
    public synchronized Installed install(SignedBundle bundle, Instant now) {
        Optional<AdminSet> pin = readPin();
        Optional<Long> installedVersion = Optional.empty();
        if (pin.isPresent() && Files.exists(bundleFile())) {
            installedVersion = Optional.of(load().policy().version());
        } else if (pin.isEmpty() && Files.exists(bundleFile())) {
            throw new PolicyException.PolicyStorageException(bundleFile() + " exists but the admin pin "
                    + pinFile() + " is missing: refusing to re-pin silently", null);
        }
        BundleVerifier.Verified v = BundleVerifier.verify(bundle, pin, installedVersion);
        AdminSet newPin = v.policy().admins();
        if (pin.isEmpty() || !BundleVerifier.sameSet(pin.get(), newPin)) {
            writePin(newPin, v.bundleHash(), now);
        }
        writeAtomically(bundleFile(), bundle.toJson());
        return new Installed(v, newPin, pin.isEmpty());
    }

    /**
     * Loads and re-verifies the installed bundle.
     *
     * @throws PolicyException.NoPolicyException when none is installed
     * @throws PolicyException any verification failure (the files were changed on disk)
     */
    public synchronized Installed load() {
        String text;
        try {
            text = Files.readString(bundleFile(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PolicyException.NoPolicyException("no policy is installed in " + dir
                    + ": install a signed bundle with `countersign policy install FILE`");
        } catch (IOException e) {
            throw new PolicyException.PolicyStorageException("cannot read " + bundleFile() + ": " + e.getMessage(), e);
        }
        AdminSet pin = readPin().orElseThrow(() -> new PolicyException.PolicyStorageException(
                "the admin pin " + pinFile() + " is missing next to the installed bundle", null));
        BundleVerifier.Verified v = BundleVerifier.verify(SignedBundle.fromJson(text), Optional.of(pin), Optional.empty());
        return new Installed(v, pin, false);
    }

    /** Like {@link #load()} but empty when nothing is installed. */
    public Optional<Installed> loadIfPresent() {
        return Files.exists(bundleFile()) ? Optional.of(load()) : Optional.empty();
    }

    /** The pinned admins, if a policy was ever installed. */
    public synchronized Optional<AdminSet> readPin() {
        try {
            JsonNode root = JSON.readTree(Files.readString(pinFile(), StandardCharsets.UTF_8));
            List<Address> admins = new ArrayList<>();
            root.path("admins").forEach(a -> admins.add(Address.parse(a.asString(""), "admins")));
            return Optional.of(new AdminSet(root.path("threshold").asInt(0), admins));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | JacksonException | io.countersign.eth.EthException | PolicyException e) {
            throw new PolicyException.PolicyStorageException("cannot read the admin pin " + pinFile() + ": " + e.getMessage(), e);
        }
    }

    private void writePin(AdminSet admins, String bundleHash, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("threshold", admins.threshold());
        admins.admins().forEach(a -> root.withArray("admins").add(a.toString()));
        root.put("pinnedAt", now.toString());
        root.put("pinnedByBundle", bundleHash);
        writeAtomically(pinFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    private void writeAtomically(Path target, String text) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new PolicyException.PolicyStorageException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
