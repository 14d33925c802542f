package io.countersign.app.session;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.countersign.eth.Address;
import io.countersign.eth.Eip191;
import io.countersign.eth.Signature;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.Checkpoint;
import io.countersign.journal.VerifyResult;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Journal heads kept outside the journal file, which the chain alone cannot provide: they catch a
 * cut-off tail (the first missing sequence is named) and a rebuilt chain. Four kinds (see
 * docs/threat-model.md for what each catches):
 * <ul>
 *   <li>a head given by the officer, {@code SEQ:HASH} as {@code audit verify} printed it ({@code --head});</li>
 *   <li>the head recorded after each policy bundle install, in {@code DATA_DIR/anchors/policy-install.json};</li>
 *   <li>the head recorded in each request file this workstation signed, after its {@code SIGNATURE} entry
 *       ({@code meta.journalHeads}: {@code journal} = hex of entry 1's hash, {@code sequence}, {@code head});
 *       those in {@code DATA_DIR/requests} and the file being signed are checked;</li>
 *   <li>a head signed by a device: the EIP-191 personal message of the ASCII text {@code SEQ:HASH}
 *       (decimal sequence, colon, 64 lowercase hex), in {@code DATA_DIR/anchors/device-checkpoint.json} and in
 *       the journal's {@code CHECKPOINT} entry.</li>
 * </ul>
 */
public final class JournalAnchors {
    /** Format id of a device checkpoint file. */
    public static final String CHECKPOINT_FORMAT = "countersign-journal-checkpoint/1";
    static final ObjectMapper JSON = new ObjectMapper();

    private final AppContext ctx;

    public JournalAnchors(AppContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A head recorded somewhere other than the journal.
     *
     * @param source where it was recorded, for the officer: a file, "--head", a device checkpoint
     */
    public record Anchor(String source, Checkpoint checkpoint) {}

    /**
     * The outcome of a verification against the anchors.
     *
     * @param result the journal's own result: its chain, then every anchor
     * @param anchors every anchor checked
     * @param failed the anchor the journal does not reach or match, when the chain itself is intact
     */
    public record Report(VerifyResult result, List<Anchor> anchors, Optional<Anchor> failed) {
        public boolean ok() {
            return result.ok();
        }

        /** One line for the officer: what is wrong and where the evidence is. */
        public String problem() {
            VerifyResult r = result;
            if (r.ok()) {
                return "";
            }
            if (failed.isPresent() && r.reason() == VerifyResult.Reason.TRUNCATED) {
                Anchor a = failed.get();
                return "the journal is behind " + a.source() + ", which records entry " + a.checkpoint().entries()
                        + " (head " + a.checkpoint().head() + "), but the journal ends at entry " + r.entries()
                        + ": entry " + r.firstBadSequence() + " is the first missing (the tail was cut off or rolled back)";
            }
            if (failed.isPresent()) {
                Anchor a = failed.get();
                return "entry " + r.firstBadSequence() + " does not have the hash " + a.source()
                        + " records (" + a.checkpoint().head() + "): the chain was rebuilt";
            }
            return "the journal's chain is broken at entry " + r.firstBadSequence() + ": " + r.detail();
        }
    }

    /**
     * Parses {@code SEQ:HASH} as {@code audit verify} prints it.
     *
     * @throws CountersignException.Usage naming {@code field} when it is not a decimal and 64 hex digits
     */
    public static Checkpoint parseHead(String text, String field) {
        String t = text == null ? "" : text.strip();
        int colon = t.indexOf(':');
        try {
            if (colon < 1) {
                throw new IllegalArgumentException("no colon");
            }
            String seq = t.substring(0, colon);
            if (!seq.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("sequence");
            }
            String hash = t.substring(colon + 1);
            if (hash.startsWith("0x")) {
                hash = hash.substring(2);
            }
            return new Checkpoint(Long.parseLong(seq), hash);
        } catch (RuntimeException e) {
            throw new CountersignException.Usage(field + " must be SEQ:HASH as `countersign audit verify` prints it "
                    + "(a decimal entry count, a colon, 64 hex digits), not '" + t + "'");
        }
    }

    /** {@code SEQ:HASH}, the text a device checkpoint signs and {@code --head} takes. */
    public static String format(Checkpoint c) {
        return c.entries() + ":" + c.head();
    }

    Path anchorsDir() {
        return ctx.dataDir().resolve("anchors");
    }

    /** Where the head after the last policy install is kept. */
    public Path policyInstallFile() {
        return anchorsDir().resolve("policy-install.json");
    }

    /** Where the last device checkpoint is kept. */
    public Path deviceCheckpointFile() {
        return anchorsDir().resolve("device-checkpoint.json");
    }

    /**
     * The anchors kept in the data folder: the policy install head, the device checkpoint, and the
     * heads of this journal in the queue's request files.
     *
     * @throws CountersignException.Refused if the device checkpoint file's signature does not
     *     recover to its signer, or an anchor file is unreadable (fail closed)
     */
    public List<Anchor> inDataFolder() {
        List<Anchor> out = new ArrayList<>();
        Path install = policyInstallFile();
        if (Files.exists(install)) {
            JsonNode n = readJson(install);
            out.add(new Anchor("the policy install record " + install, checkpointOf(n, install)));
        }
        Path device = deviceCheckpointFile();
        if (Files.exists(device)) {
            DeviceCheckpoint dc = readDeviceCheckpoint(device);
            out.add(new Anchor("the device checkpoint signed by " + dc.signer() + " (" + device + ")", dc.checkpoint()));
        }
        Optional<String> id = ctx.journal().id();
        Path requests = ctx.dataDir().resolve("requests");
        if (Files.isDirectory(requests)) {
            try (Stream<Path> files = Files.list(requests)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    out.addAll(inRequestFile(f, id));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * The heads of this journal that a request file records (none if it was never signed here, or
     * is not a readable request file: the queue shows those).
     */
    public List<Anchor> inRequestFile(Path file, Optional<String> journalId) {
        List<Anchor> out = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return out;
        }
        for (JsonNode h : root.path("meta").path("journalHeads")) {
            String journal = h.path("journal").asString("");
            // a journal is named by its entry 1: heads of other workstations' journals are theirs to check
            if (journalId.isPresent() && journalId.get().equalsIgnoreCase(journal)) {
                out.add(new Anchor("the request file " + file, checkpointOf(h, file)));
            }
        }
        return out;
    }

    /**
     * Verifies the chain and every anchor in one walk.
     *
     * @param extra anchors given by the officer (e.g. {@code --head}), checked with those found
     */
    public Report verify(List<Anchor> extra) {
        return verify(extra, null);
    }

    /**
     * As {@link #verify(List)}, telling {@code progress} (when not null) how many entries were
     * checked so far, every 1,000 entries and at the end ({@link AuditJournal#verify(java.util.Collection,
     * java.util.function.LongConsumer)}).
     */
    public Report verify(List<Anchor> extra, java.util.function.LongConsumer progress) {
        List<Anchor> all = new ArrayList<>(extra);
        all.addAll(inDataFolder());
        return verifyAgainst(all, progress);
    }

    Report verifyAgainst(List<Anchor> all) {
        return verifyAgainst(all, null);
    }

    private Report verifyAgainst(List<Anchor> all, java.util.function.LongConsumer progress) {
        AuditJournal journal = ctx.journal();
        List<Checkpoint> heads = all.stream().map(Anchor::checkpoint).toList();
        VerifyResult r = progress == null ? journal.verify(heads) : journal.verify(heads, progress);
        Optional<Anchor> failed = Optional.empty();
        if (r.reason() == VerifyResult.Reason.TRUNCATED) {
            failed = all.stream().filter(a -> a.checkpoint().entries() > r.entries())
                    .max(java.util.Comparator.comparingLong(a -> a.checkpoint().entries()));
        } else if (r.reason() == VerifyResult.Reason.CHECKPOINT_MISMATCH) {
            failed = all.stream().filter(a -> a.checkpoint().entries() == r.firstBadSequence()).findFirst();
        }
        return new Report(r, List.copyOf(all), failed);
    }

    /**
     * Before anything is signed: the journal must be intact and reach every anchor in the data
     * folder and in {@code requestFile}.
     *
     * @param consequence what does not happen, e.g. {@code "nothing was signed"}
     * @throws CountersignException.Refused naming the file the journal is behind and the first missing sequence
     */
    public void requireIntact(Path requestFile, String consequence) {
        List<Anchor> all = new ArrayList<>();
        if (requestFile != null) {
            all.addAll(inRequestFile(requestFile, ctx.journal().id()));
        }
        all.addAll(inDataFolder());
        Report report = verifyAgainst(all);
        if (!report.ok()) {
            throw new CountersignException.Refused(report.problem() + "; " + consequence
                    + " (see `countersign audit verify` and docs/threat-model.md)");
        }
    }

    /**
     * Records the journal's current head as the policy install anchor (after the POLICY_INSTALL entry).
     *
     * @param bundleHash the installed bundle's hash, recorded beside the head
     */
    public void recordPolicyInstall(String bundleHash, long version) {
        Checkpoint head = ctx.journal().verify().checkpoint();
        ObjectNode n = JSON.createObjectNode();
        n.put("sequence", head.entries());
        n.put("head", head.head());
        n.put("bundleHash", bundleHash);
        n.put("version", version);
        write(policyInstallFile(), n);
    }

    /**
     * The head to record in a request file after its SIGNATURE entry: {@code {journal, sequence, head}}.
     *
     * @param meta the request's meta; a head of this journal already there is replaced
     * @return a copy of {@code meta} with the head added to {@code journalHeads}
     */
    public ObjectNode withHead(ObjectNode meta, Checkpoint head) {
        String id = ctx.journal().id().orElseThrow();
        ObjectNode copy = meta.deepCopy();
        ArrayNode heads = JSON.createArrayNode();
        for (JsonNode h : copy.path("journalHeads")) {
            if (!id.equalsIgnoreCase(h.path("journal").asString(""))) {
                heads.add(h);
            }
        }
        heads.addObject().put("journal", id).put("sequence", head.entries()).put("head", head.head());
        copy.set("journalHeads", heads);
        return copy;
    }

    /**
     * Rewrites {@code file} (atomically) with the head of this journal at {@code entry} in
     * {@code meta.journalHeads}, replacing an older head of this journal.
     *
     * @param request the request as just written to {@code file}
     * @param entry the SIGNATURE entry just appended for it
     * @return the request as now written
     */
    public SafeRequest recordInRequest(SafeRequest request, Path file, io.countersign.journal.JournalEntry entry) {
        ObjectNode meta = withHead(request.meta(), new Checkpoint(entry.sequence(), entry.entryHash()));
        SafeRequest anchored = new SafeRequest(request.chainId(), request.safe(), request.safeVersion(), request.tx(),
                request.owners(), request.threshold(), request.signatures(), meta);
        if (TestPausePoints.armed(TestPausePoints.REQUEST_TEMP_WRITTEN)) {
            RequestFile.writeAtomically(file, RequestFile.toJson(anchored), pausingAfterTheTemporaryFile());
        } else {
            RequestFile.write(anchored, file);
        }
        return anchored;
    }

    /** TEST-ONLY ({@link TestPausePoints}): the real steps, stopping after the temporary file is forced, before the rename. */
    private static io.countersign.eth.DurableFiles.Steps pausingAfterTheTemporaryFile() {
        var real = io.countersign.eth.DurableFiles.REAL;
        return new io.countersign.eth.DurableFiles.Steps() {
            @Override
            public void write(java.nio.channels.FileChannel channel, Path file, byte[] bytes) throws java.io.IOException {
                real.write(channel, file, bytes);
            }

            @Override
            public void force(java.nio.channels.FileChannel channel, Path file) throws java.io.IOException {
                real.force(channel, file);
                TestPausePoints.pass(TestPausePoints.REQUEST_TEMP_WRITTEN);
            }

            @Override
            public void move(Path from, Path to) throws java.io.IOException {
                real.move(from, to);
            }

            @Override
            public void forceDirectory(Path dir) throws java.io.IOException {
                real.forceDirectory(dir);
            }
        };
    }

    /**
     * A device-signed head.
     *
     * @param checkpoint the head signed
     * @param signer the address the signature recovers to
     * @param signature 65 bytes r, s, v over the EIP-191 message {@code SEQ:HASH}
     */
    public record DeviceCheckpoint(Checkpoint checkpoint, Address signer, Signature signature) {
        /** The EIP-191 personal message signed: the ASCII text {@code SEQ:HASH}. */
        public byte[] message() {
            return format(checkpoint).getBytes(UTF_8);
        }

        public ObjectNode toJson() {
            ObjectNode n = JSON.createObjectNode();
            n.put("format", CHECKPOINT_FORMAT);
            n.put("sequence", checkpoint.entries());
            n.put("head", checkpoint.head());
            n.put("message", format(checkpoint));
            n.put("signer", signer.toString());
            n.put("signature", signature.toHex());
            return n;
        }
    }

    /**
     * Reads a device checkpoint file and checks its signature.
     *
     * @throws CountersignException.Refused if it is unreadable or its signature does not recover to its signer
     */
    public static DeviceCheckpoint readDeviceCheckpoint(Path file) {
        JsonNode n = readJson(file);
        if (!CHECKPOINT_FORMAT.equals(n.path("format").asString(""))) {
            throw new CountersignException.Refused(file + " is not a journal checkpoint (format " + CHECKPOINT_FORMAT + ")");
        }
        Checkpoint c = checkpointOf(n, file);
        try {
            Address signer = Address.parse(n.path("signer").asString(""), "signer");
            Signature sig = Signature.parse(n.path("signature").asString(""));
            DeviceCheckpoint dc = new DeviceCheckpoint(c, signer, sig);
            if (!signer.equals(sig.recover(Eip191.hashPersonalMessage(dc.message())))) {
                throw new CountersignException.Refused("the device checkpoint " + file + " does not carry " + signer
                        + "'s signature of '" + format(c) + "': it was altered; verify against a copy kept elsewhere");
            }
            return dc;
        } catch (io.countersign.eth.EthException e) {
            throw new CountersignException.Refused("the device checkpoint " + file + " is unreadable: " + e.getMessage());
        }
    }

    /** Writes a device checkpoint into the data folder (atomically), replacing an older one. */
    public void recordDeviceCheckpoint(DeviceCheckpoint dc) {
        write(deviceCheckpointFile(), dc.toJson());
    }

    private static Checkpoint checkpointOf(JsonNode n, Path file) {
        try {
            JsonNode seq = n.get("sequence");
            if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber()) {
                throw new IllegalArgumentException("sequence");
            }
            return new Checkpoint(seq.asLong(), n.path("head").asString(""));
        } catch (RuntimeException e) {
            throw new CountersignException.Refused("the journal head recorded in " + file + " is unreadable (" + e.getMessage()
                    + "); restore the file or verify against a head kept elsewhere");
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode n = JSON.readTree(Files.readString(file));
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw new CountersignException.Refused("cannot read the journal anchor " + file + ": " + e.getMessage());
        }
    }

    private void write(Path file, ObjectNode n) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RequestFile.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }
}
