package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.TimelockStep;
import io.countersign.eth.intent.TokenInfo;
import io.countersign.eth.intent.TokenIntent;
import io.countersign.eth.intent.TokenRegistry;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.multisig.SafeDeployments;
import io.countersign.multisig.SafeRequest;
import io.countersign.policy.Policy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;

/**
 * A request's calls as an officer reads them: token amounts in token units with the symbol
 * ({@code transfer 250,000 USDC to Vendor (0x1234…cdef)}) and addresses by name, with the raw
 * text (base units, full addresses) kept beside each line.
 *
 * <p>Where names come from, in this order: the policy's address book; the policy's
 * {@code tokens} (symbol and decimals); Safe's own contracts ({@link SafeDeployments}: online,
 * the chain's code is compared with the listed code hash and the label says so; offline, the
 * label says when Safe lists no deployment on this chain); online, an unknown token's own
 * {@code symbol()} and {@code decimals()}, marked "(from chain)" because any contract can claim
 * any symbol. Nothing here changes what the policy decides: it decodes by addresses and base
 * units, and this only renders.
 */
public final class ReadableCalls {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final String FROM_CHAIN = " (from chain)";
    private static final Pattern PRINTABLE_SYMBOL = Pattern.compile("[A-Za-z0-9 .$_+-]{1,16}");

    private final List<Intent> raw;
    private final List<Intent> shown;
    private final Map<Address, Name> labels;
    private final java.util.function.Predicate<Address> listedDelegatecall;

    /**
     * What an address is called, and how sure that is.
     *
     * @param name e.g. {@code Vendor}, {@code MultiSendCallOnly 1.4.1}, {@code ⚠ not MultiSendCallOnly 1.4.1}
     * @param note e.g. {@code code checked on chain}, {@code from chain}, or empty
     */
    public record Name(String name, String note) {}

    private ReadableCalls(List<Intent> raw, List<Intent> shown, Map<Address, Name> labels,
            java.util.function.Predicate<Address> listedDelegatecall) {
        this.raw = raw;
        this.shown = shown;
        this.labels = labels;
        this.listedDelegatecall = listedDelegatecall;
    }

    /**
     * The request's calls with every name that is known: from the policy in force, Safe's
     * deployments and, online, the chain (one {@code eth_getCode} per Safe contract named and
     * two {@code eth_call}s per unknown token).
     */
    public static ReadableCalls of(AppContext ctx, SafeRequest request) {
        return of(ctx, request, ctx.decode(request));
    }

    /** As {@link #of(AppContext, SafeRequest)}, for a request whose intents were already decoded ({@code ctx.decode}). */
    public static ReadableCalls of(AppContext ctx, SafeRequest request, List<Intent> raw) {
        Optional<Policy> policy = ctx.policy().policyDocument();
        Optional<EthRpc> rpc = ctx.rpcIfOnline();
        Map<Address, TokenInfo> tokens = new LinkedHashMap<>();
        Map<Address, Name> labels = new LinkedHashMap<>();
        policy.ifPresent(p -> {
            p.tokens().forEach(t -> tokens.put(t.address(), t));
            p.addressBook().forEach((a, l) -> labels.put(a, new Name(l, "")));
        });
        Set<Address> addresses = new LinkedHashSet<>();
        Set<Address> tokenContracts = new LinkedHashSet<>();
        collect(raw, addresses, tokenContracts);
        if (rpc.isPresent()) {
            for (Address token : tokenContracts) {
                if (!tokens.containsKey(token)) {
                    readToken(rpc.get(), token).ifPresent(t -> tokens.put(token, t));
                }
            }
        }
        for (TokenInfo t : tokens.values()) {
            labels.putIfAbsent(t.address(), t.symbol().endsWith(FROM_CHAIN)
                    ? new Name(t.symbol().substring(0, t.symbol().length() - FROM_CHAIN.length()) + " token", "from chain")
                    : new Name(t.symbol() + " token", ""));
        }
        labels.putIfAbsent(request.safe(), new Name("this Safe", ""));
        for (Address a : addresses) {
            if (!labels.containsKey(a)) {
                deploymentLabel(request.chainId(), a, rpc).ifPresent(l -> labels.put(a, l));
            }
        }
        List<Intent> shown = ctx.decoders().decode(request.tx().call(), request.chainId(), request.safe(),
                TokenRegistry.of(tokens.values()));
        // with a policy, the legs under a delegatecall it does not list are what the calldata claims, not what runs
        java.util.function.Predicate<Address> listed = policy.<java.util.function.Predicate<Address>>map(p -> p::delegatecallListed)
                .orElse(target -> true);
        return new ReadableCalls(raw, shown, Map.copyOf(labels), listed);
    }

    /** One line per call, a batch's legs and a timelock's inner calls under their container. */
    public record Line(int depth, boolean flagged, String text, String raw) {}

    /** The lines: {@link #text} is for reading, {@link Line#raw()} has base units and full addresses. */
    public List<Line> lines() {
        List<IntentLines.Line> rawLines = IntentLines.of(raw, listedDelegatecall);
        List<IntentLines.Line> shownLines = IntentLines.of(shown, listedDelegatecall);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < rawLines.size(); i++) {
            IntentLines.Line r = rawLines.get(i);
            String text = i < shownLines.size() ? shownLines.get(i).text() : r.text();
            out.add(new Line(r.depth(), r.intent().flagged() || r.claimed(), named(text), r.text()));
        }
        return out;
    }

    /** The name shown for {@code address}, if any ({@code "Vendor"}, {@code "MultiSendCallOnly 1.4.1"}). */
    public Optional<String> label(Address address) {
        return Optional.ofNullable(labels.get(address)).map(n -> n.name() + (n.note().isEmpty() ? "" : ", " + n.note()));
    }

    /** {@code text} with each labelled full address replaced by {@code Name (0x1234…cdef)} or {@code Name (0x1234…cdef, note)}. */
    public String named(String text) {
        Matcher m = ADDRESS.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Address a = Address.parse(m.group(), "address");
            Name n = labels.get(a);
            m.appendReplacement(b, Matcher.quoteReplacement(n == null ? m.group()
                    : n.name() + " (" + shortForm(a) + (n.note().isEmpty() ? "" : ", " + n.note()) + ")"));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** {@code 0x9641…02e2}: the first 4 and last 4 hex digits of the checksummed address. */
    public static String shortForm(Address a) {
        String s = a.toString();
        return s.substring(0, 6) + "…" + s.substring(s.length() - 4);
    }

    private static void collect(List<Intent> intents, Set<Address> addresses, Set<Address> tokens) {
        for (Intent i : intents) {
            Matcher m = ADDRESS.matcher(i.describe());
            while (m.find()) {
                addresses.add(Address.parse(m.group(), "address"));
            }
            switch (i) {
                case TokenIntent t -> tokens.add(t.token());
                case DelegateCall d -> collect(d.inner(), addresses, tokens);
                case TimelockStep t -> collect(t.inner(), addresses, tokens);
                default -> { }
            }
        }
    }

    /**
     * Safe's contract at {@code a}: offline by the listed chains; online by comparing the chain's
     * code with the listed code hash.
     */
    static Optional<Name> deploymentLabel(BigInteger chainId, Address a, Optional<EthRpc> rpc) {
        Optional<SafeDeployments.Deployment> d = SafeDeployments.find(chainId, a);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        SafeDeployments.Deployment dep = d.get();
        if (rpc.isPresent()) {
            byte[] code;
            try {
                code = Hex.decode(rpc.get().client().call("eth_getCode", a.toLowerHex(), "latest").asText(), "eth_getCode");
            } catch (RuntimeException e) {
                return Optional.of(new Name(dep.name() + "'s address", "its code could not be read: " + e.getMessage()));
            }
            if (code.length == 0) {
                return Optional.of(new Name("⚠ " + dep.name() + "'s address", "no contract there on chain " + chainId));
            }
            boolean same = SafeDeployments.at(a).stream().anyMatch(x -> Arrays.equals(x.codeHash(), Hash.sha3(code)));
            return Optional.of(same ? new Name(dep.name(), "code checked on chain")
                    : new Name("⚠ not " + dep.name(), "other code at its address on chain " + chainId));
        }
        return Optional.of(dep.listedOn(chainId) ? new Name(dep.name(), "")
                : new Name(dep.name() + "'s address", "Safe lists no deployment on chain " + chainId));
    }

    /** The token's own {@code symbol()} and {@code decimals()}, marked as read from the chain; empty when either fails. */
    static Optional<TokenInfo> readToken(EthRpc rpc, Address token) {
        try {
            byte[] d = rpc.call(token, Hex.decode(FunctionEncoder.encode(new Function("decimals", List.of(), List.of())), "decimals"));
            @SuppressWarnings("rawtypes")
            List<Type> dec = FunctionReturnDecoder.decode(Hex.encode(d), List.of(TypeReference.create((Class) Uint8.class)));
            if (dec.isEmpty()) {
                return Optional.empty();
            }
            BigInteger decimals = (BigInteger) dec.getFirst().getValue();
            if (decimals.compareTo(BigInteger.valueOf(77)) > 0) {
                return Optional.empty();
            }
            byte[] s = rpc.call(token, Hex.decode(FunctionEncoder.encode(new Function("symbol", List.of(), List.of())), "symbol"));
            String symbol;
            if (s.length == 32) {
                symbol = new String(s, java.nio.charset.StandardCharsets.UTF_8).replace("\0", "");
            } else {
                @SuppressWarnings("rawtypes")
                List<Type> sym = FunctionReturnDecoder.decode(Hex.encode(s), List.of(TypeReference.create((Class) Utf8String.class)));
                symbol = sym.isEmpty() ? "" : (String) sym.getFirst().getValue();
            }
            if (!PRINTABLE_SYMBOL.matcher(symbol).matches()) {
                return Optional.empty();
            }
            return Optional.of(new TokenInfo(token, symbol + FROM_CHAIN, decimals.intValueExact()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
