package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.Array;
import org.web3j.abi.datatypes.BytesType;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;

/**
 * One Solidity function, for decoding its calldata with web3j's ABI decoder. Decoding is strict:
 * the arguments must re-encode to exactly the bytes given (no dirty high bits in an address, no
 * trailing bytes, no overlapping offsets), so two decoders can never read different arguments
 * from the same calldata.
 */
public final class AbiFunction {
    private final String name;
    private final List<String> types;
    private final List<String> names;
    private final String signature;
    private final String selector;
    private final List<TypeReference<Type>> references;

    private AbiFunction(String name, List<String> types, List<String> names) {
        this.name = name;
        this.types = List.copyOf(types);
        this.names = List.copyOf(names);
        this.signature = name + "(" + String.join(",", types) + ")";
        this.selector = Selectors.of(signature);
        List<TypeReference<?>> refs = new ArrayList<>();
        for (String t : types) {
            try {
                refs.add(TypeReference.makeTypeReference(t));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("unsupported ABI type " + t, e);
            }
        }
        this.references = Utils.convert(refs);
    }

    /**
     * Parses a human-readable declaration such as {@code "transfer(address to, uint256 amount)"}
     * (parameter names optional; types canonical: {@code uint256}, not {@code uint}).
     */
    public static AbiFunction parse(String declaration) {
        String d = declaration.trim();
        int open = d.indexOf('(');
        if (open <= 0 || !d.endsWith(")")) {
            throw new IllegalArgumentException("not a function declaration: " + declaration);
        }
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String inside = d.substring(open + 1, d.length() - 1).trim();
        if (!inside.isEmpty()) {
            for (String part : inside.split(",")) {
                String[] words = part.trim().split("\\s+");
                types.add(words[0].toLowerCase(Locale.ROOT));
                names.add(words.length > 1 ? words[words.length - 1] : "arg" + names.size());
            }
        }
        return new AbiFunction(d.substring(0, open), types, names);
    }

    /** The function name. */
    public String name() {
        return name;
    }

    /** Canonical signature, e.g. {@code "transfer(address,uint256)"}. */
    public String signature() {
        return signature;
    }

    /** {@code 0x} + 8 hex digits. */
    public String selector() {
        return selector;
    }

    /** Whether calldata starts with this function's selector. */
    public boolean matches(byte[] data) {
        return selector.equals(Selectors.ofCalldata(data));
    }

    /**
     * Decodes the arguments of calldata that starts with this function's selector.
     *
     * @return the web3j values in order, or empty when the bytes are not a canonical encoding of
     *     this function's arguments
     */
    public Optional<List<Type>> decode(byte[] data) {
        if (!matches(data)) {
            return Optional.empty();
        }
        String args = Hex.encodeBare(Arrays.copyOfRange(data, 4, data.length));
        try {
            List<Type> values = FunctionReturnDecoder.decode(args, references);
            if (values.size() != types.size()) {
                return Optional.empty();
            }
            String again = FunctionEncoder.encodeConstructor(values);
            return again.equalsIgnoreCase(args) ? Optional.of(values) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Why calldata with this function's selector is not a canonical encoding of its arguments,
     * for a person; {@code ""} when it is canonical.
     */
    public String problem(byte[] data) {
        if (!matches(data)) {
            return "the selector is not " + selector + " (" + signature + ")";
        }
        int argBytes = data.length - 4;
        String args = Hex.encodeBare(Arrays.copyOfRange(data, 4, data.length));
        try {
            List<Type> values = FunctionReturnDecoder.decode(args, references);
            if (values.size() != types.size()) {
                return "truncated arguments (" + argBytes + " bytes after the selector)";
            }
            String again = FunctionEncoder.encodeConstructor(values);
            return again.equalsIgnoreCase(args) ? "" : "not the canonical ABI encoding of its arguments ("
                    + argBytes + " bytes after the selector, canonical " + again.length() / 2
                    + "): trailing bytes, dirty high bits or odd offsets";
        } catch (RuntimeException e) {
            return "arguments that do not decode (" + argBytes + " bytes after the selector)";
        }
    }

    /** A {@link MalformedCall} of this function for {@code call}, saying what is wrong with its calldata. */
    public MalformedCall malformed(io.countersign.eth.Call call) {
        String why = problem(call.data());
        return MalformedCall.of(call, signature, why.isEmpty() ? "not accepted" : why);
    }

    /** The arguments as {@link DecodedArg}s with this function's parameter names. */
    public List<DecodedArg> render(List<Type> values) {
        List<DecodedArg> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(new DecodedArg(names.get(i), types.get(i), renderValue(values.get(i))));
        }
        return List.copyOf(out);
    }

    /** A {@link ContractCall} for calldata already decoded by this function. */
    public ContractCall toContractCall(io.countersign.eth.Call call, List<Type> values) {
        return new ContractCall(call, call.to(), selector, signature, render(values));
    }

    /** Our {@link Address} from a decoded web3j address. */
    public static Address address(Type value) {
        return Address.parse(((org.web3j.abi.datatypes.Address) value).getValue());
    }

    /** A decoded unsigned integer. */
    public static java.math.BigInteger uint(Type value) {
        return ((NumericType) value).getValue();
    }

    /** Decoded {@code bytes} or {@code bytesN}. */
    public static byte[] bytes(Type value) {
        return ((BytesType) value).getValue();
    }

    /** Decoded array elements. */
    @SuppressWarnings("unchecked")
    public static List<Type> elements(Type value) {
        return ((Array<Type>) value).getValue();
    }

    static String renderValue(Type value) {
        return switch (value) {
            case org.web3j.abi.datatypes.Address a -> Address.parse(a.getValue()).toString();
            case NumericType n -> n.getValue().toString();
            case BytesType b -> Hex.encode(b.getValue());
            case Utf8String s -> "\"" + s.getValue() + "\"";
            case Array<?> a -> a.getValue().stream().map(v -> renderValue((Type) v))
                    .collect(Collectors.joining(", ", "[", "]"));
            default -> String.valueOf(value.getValue());
        };
    }
}
