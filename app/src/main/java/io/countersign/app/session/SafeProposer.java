package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.MultiSend;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeAdminCalls;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SafeVersion;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step 1 of the pipeline: builds request files. Online, the chain id, Safe version, owners,
 * threshold and nonce come from the chain and travel in the request, so an offline signer has
 * all it needs. The default nonce skips nonces already taken by requests in the queue for the
 * same Safe, so two officers proposing at once do not collide.
 */
public final class SafeProposer {
    private final AppContext ctx;

    public SafeProposer(AppContext ctx) {
        this.ctx = ctx;
    }

    /** What propose knows about the Safe: read from the chain, or given offline. */
    public record SafeFacts(BigInteger chainId, Address safe, SafeVersion version, List<Address> owners, int threshold,
            BigInteger safeNonce) {}

    /** Reads the Safe's facts from the node. */
    public SafeFacts facts(Address safe) {
        SafeState s = SafeState.read(ctx.rpc("reading the Safe"), safe);
        return new SafeFacts(s.chainId(), safe, s.version(), s.owners(), s.threshold(), s.nonce());
    }

    /**
     * Builds and writes a request for {@code call}.
     *
     * @param nonce the SafeTx nonce, or {@code null} for the next free one
     * @param out where to write; {@code null} writes into the queue ({@code DATA_DIR/requests})
     */
    public Path propose(SafeFacts facts, Call call, BigInteger nonce, String description, Path out) {
        return propose(facts, call, nonce, description, out, meta -> {});
    }

    /**
     * As {@link #propose(SafeFacts, Call, BigInteger, String, Path)}, letting {@code moreMeta} add
     * fields to the request's {@code meta} (after {@code description}, {@code createdAt},
     * {@code origin}); e.g. {@link NestedApproval} records the child request it approves.
     */
    public Path propose(SafeFacts facts, Call call, BigInteger nonce, String description, Path out,
            java.util.function.Consumer<ObjectNode> moreMeta) {
        BigInteger n = nonce != null ? nonce : nextFreeNonce(facts);
        if (n.compareTo(facts.safeNonce()) < 0) {
            throw new CountersignException.Refused("nonce " + n + " is below Safe " + facts.safe() + "'s current nonce "
                    + facts.safeNonce() + ": that nonce was already used");
        }
        ObjectNode meta = new ObjectMapper().createObjectNode();
        meta.put("description", description == null ? "" : description);
        meta.put("createdAt", Instant.now().toString());
        meta.put("origin", "countersign");
        moreMeta.accept(meta);
        SafeRequest request = new SafeRequest(facts.chainId(), facts.safe(), facts.version(), SafeTx.of(call, n),
                facts.owners(), facts.threshold(), List.of(), meta);
        Path target = out != null ? out : ctx.requestsDir().resolve("safe-" + facts.safe().toString().substring(2, 10).toLowerCase()
                + "-nonce-" + n + "-" + request.hashes().safeTxHashHex().substring(2, 10) + ".json");
        RequestFile.write(request, target);
        ctx.journal().append(EntryKind.REQUEST, SafeSigningSession.requestPayload(request, target));
        return target;
    }

    /**
     * The Safe's nonce, or one past the highest nonce a pending request for this Safe holds:
     * every request in the queue and every request this workstation proposed or signed (the
     * journal's {@code REQUEST} entries, so requests written with {@code --out} anywhere count).
     */
    public BigInteger nextFreeNonce(SafeFacts facts) {
        BigInteger next = facts.safeNonce();
        for (Pending p : pending(facts)) {
            if (p.nonce().compareTo(next) >= 0) {
                next = p.nonce().add(BigInteger.ONE);
            }
        }
        return next;
    }

    /**
     * A request that holds a nonce the Safe has not used yet.
     *
     * @param where the request file (queue or where it was written), as recorded
     */
    public record Pending(BigInteger nonce, String safeTxHash, String where) {}

    /**
     * The requests for this Safe on this chain whose nonce is at or above the Safe's nonce: the
     * queue's files and the journal's {@code REQUEST} entries, one per safeTxHash.
     */
    public List<Pending> pending(SafeFacts facts) {
        java.util.Map<String, Pending> byHash = new java.util.LinkedHashMap<>();
        for (SafeRequest r : queued(facts.safe())) {
            if (r.chainId().equals(facts.chainId()) && r.tx().nonce().compareTo(facts.safeNonce()) >= 0) {
                String h = r.hashes().safeTxHashHex();
                byHash.putIfAbsent(h, new Pending(r.tx().nonce(), h, "the queue"));
            }
        }
        for (io.countersign.journal.JournalEntry e : ctx.journal().since(EntryKind.REQUEST, Instant.EPOCH)) {
            JsonNode p = e.payload();
            try {
                if (!facts.chainId().toString().equals(p.path("chainId").asString(""))
                        || !facts.safe().equals(Address.parse(p.path("safe").asString(""), "safe"))) {
                    continue;
                }
                BigInteger n = new BigInteger(p.path("nonce").asString(""));
                String h = p.path("safeTxHash").asString("");
                if (n.compareTo(facts.safeNonce()) >= 0) {
                    byHash.putIfAbsent(h, new Pending(n, h, p.path("file").asString("")));
                }
            } catch (RuntimeException unreadable) {
                // an entry of another shape (or another Safe) holds no nonce of this one
            }
        }
        return List.copyOf(byHash.values());
    }

    /**
     * The pending requests that hold {@code nonce} under another safeTxHash: only one of them can
     * ever execute.
     */
    public List<Pending> competing(SafeFacts facts, BigInteger nonce, String safeTxHash) {
        return pending(facts).stream().filter(p -> p.nonce().equals(nonce) && !p.safeTxHash().equalsIgnoreCase(safeTxHash)).toList();
    }

    /** The readable requests in the queue for this Safe (unreadable files are skipped). */
    public List<SafeRequest> queued(Address safe) {
        List<SafeRequest> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(ctx.requestsDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                try {
                    SafeRequest r = RequestFile.read(f);
                    if (r.safe().equals(safe)) {
                        out.add(r);
                    }
                } catch (RuntimeException e) {
                    // a damaged file is shown by the console's queue; it takes no nonce
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** An ERC-20 transfer; {@code amount} in token units, converted with the token's decimals. */
    public Call erc20Transfer(Address token, Address to, String amount, Integer decimals) {
        int d = decimals != null ? decimals : ctx.rpcIfOnline().map(rpc -> readDecimals(rpc, token)).orElseThrow(() ->
                new CountersignException.Usage("offline: give the token's --decimals"));
        return Call.of(token, BigInteger.ZERO, Erc20.transfer(to, Erc20.toBaseUnits(amount, d)));
    }

    /**
     * An ERC-20 transfer of a token from the policy's {@code tokens} table, {@code baseUnits} already
     * converted with the policy's decimals. Online, the token's own {@code decimals()} must agree
     * with the policy's: a policy that says 6 for an 18-decimal token would make every amount wrong
     * by 10^12.
     *
     * @throws CountersignException.Refused when the chain's decimals differ from the policy's
     */
    public Call policyTokenTransfer(io.countersign.eth.intent.TokenInfo token, Address to, BigInteger baseUnits) {
        ctx.rpcIfOnline().ifPresent(rpc -> {
            Integer onChain;
            try {
                onChain = readDecimals(rpc, token.address());
            } catch (RuntimeException noDecimals) {
                onChain = null; // decimals() is optional in ERC-20; the policy's figure stands
            }
            if (onChain != null && onChain != token.decimals()) {
                throw new CountersignException.Refused("the policy says " + token.symbol() + " (" + token.address() + ") has "
                        + token.decimals() + " decimals but the token answers decimals() = " + onChain
                        + ": amounts would be off by 10^" + Math.abs(onChain - token.decimals()) + "; fix the policy's tokens table");
            }
        });
        return Call.of(token.address(), BigInteger.ZERO, Erc20.transfer(to, baseUnits));
    }

    private static int readDecimals(EthRpc rpc, Address token) {
        return SafeAbi.decodeUint(rpc.call(token, Erc20.decimals())).intValueExact();
    }

    /**
     * A batch file: a JSON array of {@code {"to","value","data","operation"?}} (value in wei,
     * decimal string). The batch runs through MultiSendCallOnly.
     */
    public Call batch(Path file, Address multiSendCallOnly) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (java.io.IOException | RuntimeException e) {
            throw new CountersignException.Usage("cannot read batch file " + file + ": " + e.getMessage());
        }
        JsonNode list = root.isArray() ? root : root.path("transactions");
        List<Call> calls = new ArrayList<>();
        int i = 0;
        for (JsonNode c : list) {
            i++;
            String field = "batch[" + i + "]";
            calls.add(Call.of(Address.parse(c.path("to").asText(null), field + ".to"), new BigInteger(c.path("value").asText("0")),
                    Hex.decode(Optional.ofNullable(c.get("data")).map(JsonNode::asText).orElse("0x"), field + ".data")));
        }
        return MultiSend.batch(multiSendCallOnly, calls);
    }

    /**
     * The rejection of a pending nonce (Safe{Wallet}'s "reject"): the zero-value call of the Safe
     * to itself. Propose it with the nonce to replace; see {@link SafeAdminCalls#rejection}.
     */
    public static Call rejection(SafeFacts facts) {
        return SafeAdminCalls.rejection(facts.safe());
    }

    /**
     * {@code addOwnerWithThreshold}; {@code threshold} null keeps the Safe's current one.
     *
     * @throws io.countersign.eth.EthException.InvalidInputException as {@link SafeAdminCalls#addOwner}
     */
    public static Call addOwner(SafeFacts facts, Address owner, Integer threshold) {
        return SafeAdminCalls.addOwner(facts.safe(), facts.owners(), owner, threshold != null ? threshold : facts.threshold());
    }

    /**
     * {@code removeOwner} with the previous owner from {@code facts.owners()} (the chain's
     * {@code getOwners()} order online, {@code --owners} offline); {@code threshold} null keeps the
     * current one, lowered to the number of owners left if it would exceed it.
     *
     * @throws io.countersign.eth.EthException.InvalidInputException as {@link SafeAdminCalls#removeOwner}
     */
    public static Call removeOwner(SafeFacts facts, Address owner, Integer threshold) {
        int t = threshold != null ? threshold : Math.min(facts.threshold(), Math.max(1, facts.owners().size() - 1));
        return SafeAdminCalls.removeOwner(facts.safe(), facts.owners(), owner, t);
    }

    /**
     * {@code swapOwner} with the previous owner from {@code facts.owners()}.
     *
     * @throws io.countersign.eth.EthException.InvalidInputException as {@link SafeAdminCalls#swapOwner}
     */
    public static Call swapOwner(SafeFacts facts, Address oldOwner, Address newOwner) {
        return SafeAdminCalls.swapOwner(facts.safe(), facts.owners(), oldOwner, newOwner);
    }

    /**
     * {@code changeThreshold}.
     *
     * @throws io.countersign.eth.EthException.InvalidInputException as {@link SafeAdminCalls#changeThreshold}
     */
    public static Call changeThreshold(SafeFacts facts, int threshold) {
        return SafeAdminCalls.changeThreshold(facts.safe(), facts.owners(), facts.threshold(), threshold);
    }

    /** The canonical MultiSendCallOnly for a Safe version. */
    public static Address defaultMultiSend(SafeVersion version) {
        return version.major() == 1 && version.minor() >= 4 ? MultiSend.CALL_ONLY_1_4_1 : MultiSend.CALL_ONLY_1_3_0;
    }
}
