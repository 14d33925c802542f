package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.TokenInfo;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A Safe at a glance, read from the chain: balances (native and the policy's tokens), owners,
 * threshold, nonce, {@code VERSION()}, guard, modules and fallback handler, each contract the
 * policy does not name flagged, and the data folder's pending requests for this Safe placed
 * against its current nonce. Reads only; JavaFX-free (the console's "Safe" tab shows it).
 *
 * <p>Guard and fallback handler come from the storage slots Safe defines,
 * {@code keccak256("guard_manager.guard.address")} and
 * {@code keccak256("fallback_manager.handler.address")} (Safe 1.3.0+ GuardManager and
 * FallbackManager); modules from {@code getModulesPaginated(SENTINEL, 50)}, page after page.
 */
public record SafeGlance(SafeState state, BigInteger nativeBalance, List<TokenBalance> tokens, Address guard,
        Address fallbackHandler, List<Address> modules, List<Flag> flags, List<Pending> pending) {

    /** {@code keccak256("guard_manager.guard.address")}. */
    public static final String GUARD_SLOT = "0x4a204f620c8c5ccdca3fd54d003badd85ba500436a431f0cbda4f558c93c34c8";
    /** {@code keccak256("fallback_manager.handler.address")}. */
    public static final String FALLBACK_HANDLER_SLOT = "0x6c9a6c4a39284e37ed1cf53d337577d14212a4870fb976a4366c693b939918d5";
    static final Address SENTINEL = Address.parse("0x0000000000000000000000000000000000000001");

    /** @param baseUnits the Safe's {@code balanceOf}, or {@code null} when the token did not answer */
    public record TokenBalance(TokenInfo token, BigInteger baseUnits) {
        /** e.g. {@code 1,500.25 USDC}, or {@code (no answer)}. */
        public String text() {
            return baseUnits == null ? "(no answer from " + token.address() + ")" : TokenInfo.grouped(token.toTokenUnits(baseUnits)) + " " + token.symbol();
        }
    }

    /** Something the policy does not expect: {@code what} is e.g. {@code module 0x…}. */
    public record Flag(String what, String why) {
        @Override
        public String toString() {
            return what + ": " + why;
        }
    }

    /** Where a pending request of the data folder stands against the Safe's nonce. */
    public enum Standing {
        /** Nonce below the Safe's, and this workstation journalled its successful execution. */
        EXECUTED,
        /** Nonce below the Safe's, not executed by this request: it can never execute. */
        STALE,
        /** Nonce equal to the Safe's: executable once signed. */
        NEXT,
        /** Nonce above the Safe's: waits for the ones before it. */
        LATER
    }

    public record Pending(String file, BigInteger nonce, String safeTxHash, String description, int signatures, Standing standing) {}

    /**
     * Reads everything, reporting each step to {@code progress} as (steps done, steps in all).
     *
     * @throws RuntimeException from the node (unreachable, not a Safe), with its message
     */
    public static SafeGlance read(AppContext ctx, Address safe, BiConsumer<Integer, Integer> progress) {
        EthRpc rpc = ctx.rpcIfOnline().orElseThrow(() -> new CountersignException.Usage(
                "the Safe at a glance reads the chain: start the console online (COUNTERSIGN_RPC or --rpc)"));
        Optional<io.countersign.policy.Policy> policy = ctx.policy().policyDocument();
        List<TokenInfo> tokenTable = policy.map(io.countersign.policy.Policy::tokens).orElse(List.of());
        int steps = 5 + tokenTable.size();
        int done = 0;
        progress.accept(done, steps);
        SafeState state = SafeState.read(rpc, safe);
        progress.accept(++done, steps);
        BigInteger balance = rpc.balance(safe);
        progress.accept(++done, steps);
        List<TokenBalance> tokens = new ArrayList<>();
        for (TokenInfo t : tokenTable) {
            BigInteger b;
            try {
                b = SafeAbi.decodeUint(rpc.call(t.address(), Erc20.balanceOf(safe)));
            } catch (RuntimeException noAnswer) {
                b = null;
            }
            tokens.add(new TokenBalance(t, b));
            progress.accept(++done, steps);
        }
        Address guard = slotAddress(rpc, safe, GUARD_SLOT);
        progress.accept(++done, steps);
        Address handler = slotAddress(rpc, safe, FALLBACK_HANDLER_SLOT);
        progress.accept(++done, steps);
        List<Address> modules = modules(rpc, safe);
        progress.accept(++done, steps);

        Map<Address, String> named = policy.map(io.countersign.policy.Policy::addressBook).orElse(Map.of());
        String nobody = policy.isPresent() ? "the policy's address book does not name it" : "no policy is installed to expect it";
        List<Flag> flags = new ArrayList<>();
        for (Address m : modules) {
            if (!named.containsKey(m)) {
                flags.add(new Flag("module " + m, "an enabled module can move funds without the owners' signatures; " + nobody));
            }
        }
        if (!guard.equals(Address.ZERO) && !named.containsKey(guard)) {
            flags.add(new Flag("guard " + guard, "a guard can block or alter every execution; " + nobody));
        }
        return new SafeGlance(state, balance, tokens, guard, handler, modules, flags, pending(ctx, state));
    }

    /** The address in the low 20 bytes of a storage slot. */
    static Address slotAddress(EthRpc rpc, Address safe, String slot) {
        byte[] word = Hex.decode(rpc.client().call("eth_getStorageAt", safe.toLowerHex(), slot, "latest").asString(), slot);
        byte[] padded = new byte[32];
        System.arraycopy(word, 0, padded, 32 - word.length, word.length);
        return Address.of(java.util.Arrays.copyOfRange(padded, 12, 32));
    }

    /** {@code getModulesPaginated(start, 50)} from the sentinel until the returned next is the sentinel (or zero). */
    static List<Address> modules(EthRpc rpc, Address safe) {
        Set<Address> out = new LinkedHashSet<>();
        Address start = SENTINEL;
        for (int page = 0; page < 100; page++) {
            org.web3j.abi.datatypes.Function f = new org.web3j.abi.datatypes.Function("getModulesPaginated",
                    List.of(new org.web3j.abi.datatypes.Address(start.toLowerHex()), new org.web3j.abi.datatypes.generated.Uint256(50)),
                    List.of(new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.Address>>() {},
                            new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.Address>() {}));
            byte[] returned = rpc.call(safe, Hex.decode(org.web3j.abi.FunctionEncoder.encode(f), "getModulesPaginated"));
            @SuppressWarnings("rawtypes")
            List<org.web3j.abi.datatypes.Type> decoded = org.web3j.abi.FunctionReturnDecoder.decode(Hex.encode(returned), f.getOutputParameters());
            if (decoded.size() != 2) {
                throw new IllegalStateException("getModulesPaginated of " + safe + " returned " + returned.length + " bytes, not (address[], address)");
            }
            @SuppressWarnings("unchecked")
            List<org.web3j.abi.datatypes.Address> page1 = ((org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.Address>) decoded.get(0)).getValue();
            for (org.web3j.abi.datatypes.Address a : page1) {
                out.add(Address.parse(a.getValue()));
            }
            Address next = Address.parse(((org.web3j.abi.datatypes.Address) decoded.get(1)).getValue());
            if (next.equals(SENTINEL) || next.equals(Address.ZERO) || page1.isEmpty()) {
                break;
            }
            start = next;
        }
        return List.copyOf(out);
    }

    /** The queue's readable requests for this Safe on this chain, by nonce, each placed against the Safe's nonce. */
    static List<Pending> pending(AppContext ctx, SafeState state) {
        Set<String> executed = new java.util.HashSet<>();
        for (io.countersign.journal.JournalEntry e : ctx.journal().since(EntryKind.BROADCAST, java.time.Instant.EPOCH)) {
            if (e.payload().path("success").asBoolean(false)) {
                executed.add(e.payload().path("safeTxHash").asString("").toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<Pending> out = new ArrayList<>();
        for (RequestQueue.Entry entry : RequestQueue.load(ctx.requestsDir())) {
            if (!entry.ok()) {
                continue;
            }
            SafeRequest r = entry.request();
            if (!r.safe().equals(state.address()) || !r.chainId().equals(state.chainId())) {
                continue;
            }
            String hash = r.hashes().safeTxHashHex();
            int cmp = r.tx().nonce().compareTo(state.nonce());
            Standing standing = cmp < 0 ? (executed.contains(hash.toLowerCase(java.util.Locale.ROOT)) ? Standing.EXECUTED : Standing.STALE)
                    : cmp == 0 ? Standing.NEXT : Standing.LATER;
            out.add(new Pending(entry.file().getFileName().toString(), r.tx().nonce(), hash, r.description(), r.signatures().size(), standing));
        }
        out.sort(java.util.Comparator.comparing(Pending::nonce));
        return out;
    }
}
