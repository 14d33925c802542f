package io.countersign.policy;

import io.countersign.eth.Address;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The installed policy in a data directory: {@code DATA/policy/bundle.json} (the active signed
 * bundle) and {@code DATA/policy/admins-pin.json} (the admin set and threshold pinned at the first
 * install), held against the audit journal's {@code POLICY_INSTALL} entries, which record each
 * install's version, bundle hash, admins and threshold.
 *
 * <p>The journal is the reference, the files are copies of it: every load checks that
 * {@code bundle.json} is the bundle of the journal's latest install (same hash), that the pin
 * holds the admins the journal recorded, and re-verifies the bundle's signatures; every install
 * checks the version against the highest the journal ever recorded and the signatures against the
 * journal's admins, even when the policy folder was deleted. Any mismatch fails closed with a
 * message saying what differs and what to do. An install is journalled first, then the files are
 * written, so a crash between leaves a journal ahead of the files, which fails closed until the
 * same bundle is installed again.
 *
 * <p>Every write goes to a temporary file in the same folder, is forced to the disk and renamed
 * over the target, and the folder is forced ({@link io.countersign.eth.DurableFiles}), so a crash
 * or power cut leaves the old or the new file, never half of one.
 */
public final class PolicyStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final AuditJournal journal;

    /**
     * @param dataDir the application data directory ({@code --data-dir})
     * @param journal the data directory's audit journal, which records every install
     */
    public PolicyStore(Path dataDir, AuditJournal journal) {
        this.dir = dataDir.resolve("policy");
        this.journal = java.util.Objects.requireNonNull(journal, "journal");
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

    /**
     * What the journal says is installed: its latest {@code POLICY_INSTALL} entry and the highest
     * version any entry recorded.
     *
     * @param sequence the entry's sequence number
     * @param version the version that entry installed
     * @param bundleHash {@code 0x} + 64 hex
     * @param admins the admins pinned after it, when the entry records them (entries written
     *     before the journal carried them do not)
     * @param highestVersion the highest version of every install entry (the high-water mark)
     */
    public record JournalRecord(long sequence, long version, String bundleHash, Optional<AdminSet> admins,
            long highestVersion) {
        String describe() {
            return "policy v" + version + " (" + bundleHash + ", journal entry " + sequence + ")";
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
     * The journal's latest policy install, if any.
     *
     * @throws PolicyException.PolicyStorageException when an install entry cannot be read
     */
    public Optional<JournalRecord> journalRecord() {
        List<JournalEntry> installs = journal.since(EntryKind.POLICY_INSTALL, Instant.EPOCH);
        if (installs.isEmpty()) {
            return Optional.empty();
        }
        long highest = Long.MIN_VALUE;
        for (JournalEntry e : installs) {
            highest = Math.max(highest, e.payload().path("version").asLong(Long.MIN_VALUE));
        }
        JournalEntry last = installs.getLast();
        JsonNode p = last.payload();
        try {
            Optional<AdminSet> admins = Optional.empty();
            if (p.has("admins") && p.has("adminThreshold")) {
                List<Address> list = new ArrayList<>();
                p.get("admins").forEach(a -> list.add(Address.parse(a.asString(""), "admins")));
                admins = Optional.of(new AdminSet(p.get("adminThreshold").asInt(0), list));
            }
            return Optional.of(new JournalRecord(last.sequence(), p.path("version").asLong(), p.path("bundleHash").asString(""),
                    admins, highest));
        } catch (RuntimeException e) {
            throw new PolicyException.PolicyStorageException("journal entry " + last.sequence()
                    + " (POLICY_INSTALL) cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies and installs a bundle, journalling it ({@code POLICY_INSTALL}: {@code bundleHash},
     * {@code version}, {@code signers}, {@code firstInstall}, {@code admins},
     * {@code adminThreshold}) before writing the files. On first install (the journal records none)
     * the bundle must carry a quorum of its own declared admins, and those admins are pinned;
     * later bundles need a quorum of the admins the journal recorded (the pin file is only a copy,
     * rewritten when it differs) and a version
     * strictly higher than any the journal recorded. A bundle that declares a different admin set
     * needs a quorum of both sets, and the pin then moves to the new set. When the folder does not
     * match the journal (a crash between journal and files, an edit), installing again the very
     * bundle the journal records last (same hash) repairs it.
     *
     * @throws PolicyException which check failed, or {@link PolicyException.PolicyStorageException}
     *     when the files and the journal disagree
     */
    public synchronized Installed install(SignedBundle bundle, Instant now) {
        Optional<JournalRecord> record = journalRecord();
        Optional<AdminSet> pin = readPin();
        Optional<AdminSet> authority;
        Optional<Long> installedVersion;
        boolean repair = false;
        if (record.isEmpty()) {
            if (pin.isPresent() || Files.exists(bundleFile())) {
                throw new PolicyException.PolicyStorageException(dir + " holds an installed policy but the journal "
                        + journal.file() + " records no policy install: the journal was replaced or the policy folder copied "
                        + "in, so the pinned admins cannot be trusted. Restore the journal this data folder was used with, "
                        + "or start a new data folder and install the admins' bundle there", null);
            }
            authority = Optional.empty();
            installedVersion = Optional.empty();
        } else {
            JournalRecord r = record.get();
            AdminSet admins = r.admins().or(() -> pin).orElseThrow(() -> new PolicyException.PolicyStorageException(
                    "the admin pin " + pinFile() + " is missing and journal entry " + r.sequence()
                            + " does not record the admins: refusing to re-pin silently. Restore the pin file, or start a "
                            + "new data folder", null));
            // the journal's admins decide, whatever the pin file says; an edited pin is rewritten below
            authority = Optional.of(admins);
            repair = bundle.bundleHash().equalsIgnoreCase(r.bundleHash()) && !filesMatch(r, pin);
            installedVersion = repair ? Optional.empty() : Optional.of(r.highestVersion());
        }
        BundleVerifier.Verified v = BundleVerifier.verify(bundle, authority, installedVersion);
        AdminSet newPin = v.policy().admins();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("bundleHash", v.bundleHash());
        entry.put("version", v.policy().version());
        entry.put("signers", v.signers().stream().map(Object::toString).toList());
        entry.put("firstInstall", authority.isEmpty());
        entry.put("admins", newPin.admins().stream().map(Object::toString).toList());
        entry.put("adminThreshold", newPin.threshold());
        if (repair) {
            entry.put("reinstall", true);
        }
        journal.append(EntryKind.POLICY_INSTALL, entry);
        if (pin.isEmpty() || !BundleVerifier.sameSet(pin.get(), newPin)) {
            writePin(newPin, v.bundleHash(), now);
        }
        writeAtomically(bundleFile(), bundle.toJson());
        return new Installed(v, newPin, authority.isEmpty());
    }

    /**
     * Loads and re-verifies the installed bundle, and checks it and the pin against the journal's
     * latest install.
     *
     * @throws PolicyException.NoPolicyException when none is installed (no bundle, no journal record)
     * @throws PolicyException.PolicyStorageException when the files and the journal disagree: an
     *     older or other bundle copied over {@code bundle.json}, an edited or missing pin, files
     *     without a journal record; the message says which and what to do
     * @throws PolicyException any verification failure (the bundle was changed on disk)
     */
    public synchronized Installed load() {
        Optional<JournalRecord> record = journalRecord();
        String text;
        try {
            text = Files.readString(bundleFile(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (record.isPresent()) {
                throw new PolicyException.PolicyStorageException("the journal records " + record.get().describe()
                        + " as installed but " + bundleFile() + " is missing: install that bundle again with "
                        + "`countersign policy install FILE`", e);
            }
            throw new PolicyException.NoPolicyException("no policy is installed in " + dir
                    + ": install a signed bundle with `countersign policy install FILE`");
        } catch (IOException e) {
            throw new PolicyException.PolicyStorageException("cannot read " + bundleFile() + ": " + e.getMessage(), e);
        }
        SignedBundle bundle = SignedBundle.fromJson(text);
        if (record.isEmpty()) {
            throw new PolicyException.PolicyStorageException(bundleFile() + " holds policy " + bundle.bundleHash()
                    + " but the journal " + journal.file() + " records no policy install: the journal was replaced or the "
                    + "bundle copied in. Restore the journal this data folder was used with, or start a new data folder "
                    + "and install the admins' bundle there", null);
        }
        JournalRecord r = record.get();
        if (!bundle.bundleHash().equalsIgnoreCase(r.bundleHash())) {
            String which = versionOf(bundle).map(ver -> "policy v" + ver + (ver < r.version() ? ", an older version," : "")
                    + " (" + bundle.bundleHash() + ")").orElse("bundle " + bundle.bundleHash());
            throw new PolicyException.PolicyStorageException(bundleFile() + " holds " + which + " but the journal records "
                    + r.describe() + " as installed: the policy folder was changed after the install (a bundle copied "
                    + "over it). Install the current bundle again with `countersign policy install FILE`, and find out who "
                    + "changed the folder", null);
        }
        AdminSet pin = readPin().orElseThrow(() -> new PolicyException.PolicyStorageException(
                "the admin pin " + pinFile() + " is missing next to the installed bundle (the journal records "
                        + r.describe() + "): install that bundle again with `countersign policy install FILE` to restore it",
                null));
        if (r.admins().isPresent() && !BundleVerifier.sameSet(pin, r.admins().get())) {
            throw pinDiffers(pin, r.admins().get(), r);
        }
        BundleVerifier.Verified v = BundleVerifier.verify(bundle, Optional.of(pin), Optional.empty());
        return new Installed(v, pin, false);
    }

    /**
     * Like {@link #load()} but empty when nothing is installed (no bundle and no journal record).
     */
    public Optional<Installed> loadIfPresent() {
        return Files.exists(bundleFile()) || journalRecord().isPresent() ? Optional.of(load()) : Optional.empty();
    }

    /**
     * The admins a bundle must be signed by now: the journal's (checked against the pin), or
     * empty before the first install.
     *
     * @throws PolicyException.PolicyStorageException when pin and journal disagree
     */
    public synchronized Optional<AdminSet> pinnedAdmins() {
        Optional<JournalRecord> record = journalRecord();
        Optional<AdminSet> pin = readPin();
        if (record.isPresent() && record.get().admins().isPresent()) {
            if (pin.isPresent() && !BundleVerifier.sameSet(pin.get(), record.get().admins().get())) {
                throw pinDiffers(pin.get(), record.get().admins().get(), record.get());
            }
            return record.get().admins();
        }
        return pin;
    }

    private PolicyException.PolicyStorageException pinDiffers(AdminSet pin, AdminSet journalled, JournalRecord r) {
        return new PolicyException.PolicyStorageException(pinFile() + " pins " + pin.threshold() + " of " + pin.admins()
                + " but the journal recorded " + journalled.threshold() + " of " + journalled.admins() + " with "
                + r.describe() + ": the pin file was edited. Nothing is signed until it matches: install the current "
                + "bundle again with `countersign policy install FILE` (it rewrites the pin from the journal's admins), "
                + "and find out who edited it", null);
    }

    /** Whether the folder holds the journal's bundle and, when it records them, its admins. */
    private boolean filesMatch(JournalRecord r, Optional<AdminSet> pin) {
        try {
            String text = Files.readString(bundleFile(), StandardCharsets.UTF_8);
            return pin.isPresent() && SignedBundle.fromJson(text).bundleHash().equalsIgnoreCase(r.bundleHash())
                    && r.admins().map(a -> BundleVerifier.sameSet(a, pin.get())).orElse(true);
        } catch (IOException | PolicyException e) {
            return false;
        }
    }

    private static Optional<Long> versionOf(SignedBundle bundle) {
        try {
            return Optional.of(PolicyParser.parse(bundle.policyYaml()).version());
        } catch (PolicyException e) {
            return Optional.empty();
        }
    }

    /** The pinned admins, if a policy was ever installed. */
    public synchronized Optional<AdminSet> readPin() {
        try {
            JsonNode root = io.countersign.eth.StrictJson.readTree(JSON, Files.readString(pinFile(), StandardCharsets.UTF_8), "pin");
            List<Address> admins = new ArrayList<>();
            root.path("admins").forEach(a -> admins.add(Address.parse(a.asString(""), "pin.admins")));
            return Optional.of(new AdminSet((int) io.countersign.eth.StrictJson.integer(root.get("threshold"), "pin.threshold", 1,
                    Math.max(1, admins.size())), admins));
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
            io.countersign.eth.DurableFiles.replace(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PolicyException.PolicyStorageException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
