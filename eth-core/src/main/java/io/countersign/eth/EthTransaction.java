package io.countersign.eth;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * A plain Ethereum transaction, legacy (EIP-155 replay-protected) or EIP-1559 (type 2, empty
 * access list). Encoding is a pure function of these fields; nothing is looked up.
 *
 * <p>Chain ids are {@link BigInteger}s: EIP-155 allows any chain id and devices accept up to
 * 2^64−1, more than a Java {@code long} holds.
 *
 * @param type legacy or EIP-1559
 * @param chainId EIP-155 chain id
 * @param nonce sender nonce
 * @param gasLimit gas units
 * @param to recipient, or {@code null} for contract creation
 * @param value wei
 * @param data calldata
 * @param gasPrice legacy only: wei per gas
 * @param maxPriorityFeePerGas EIP-1559 only: wei per gas
 * @param maxFeePerGas EIP-1559 only: wei per gas
 * @param txType legacy only, usually {@code null}: a Wanchain-style transaction-type field
 *     placed first in the RLP list (Trezor's {@code EthereumSignTx.tx_type})
 * @param accessList EIP-2930 access list as its RLP encoding ({@code 0xc0}, the empty list, for
 *     legacy transactions and by default)
 */
public record EthTransaction(Type type, BigInteger chainId, BigInteger nonce, BigInteger gasLimit, Address to,
        BigInteger value, byte[] data, BigInteger gasPrice, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas,
        BigInteger txType, byte[] accessList) {

    /** RLP of the empty list. */
    private static final byte[] EMPTY_LIST = {(byte) 0xc0};

    /** The transaction envelope. */
    public enum Type {
        /** Legacy with EIP-155 replay protection: the chain id is signed. */
        LEGACY(0),
        /**
         * Legacy without a chain id (before EIP-155): the signature is valid on every chain that
         * shares the sender's nonce. Signed only when the officer asks for it explicitly.
         */
        LEGACY_UNPROTECTED(0),
        /** EIP-2930 (type 1): gas price plus an access list. */
        EIP2930(1),
        /** EIP-1559 (type 2). */
        EIP1559(2);

        private final int eip2718Type;

        Type(int eip2718Type) {
            this.eip2718Type = eip2718Type;
        }

        /** The EIP-2718 TransactionType: the byte before a typed transaction's RLP; 0 for legacy ones, which have none. */
        public int eip2718Type() {
            return eip2718Type;
        }

        /** Whether this is an EIP-2718 typed transaction ({@code type ‖ rlp(…)}, y-parity as v), not a legacy one. */
        public boolean typed() {
            return eip2718Type != 0;
        }
    }

    public EthTransaction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(gasLimit, "gasLimit");
        Objects.requireNonNull(value, "value");
        data = data == null ? new byte[0] : data.clone();
        accessList = accessList == null ? EMPTY_LIST.clone() : accessList.clone();
        if (!(org.web3j.rlp.RlpDecoder.decode(accessList).getValues().getFirst() instanceof RlpList)) {
            throw new EthException.InvalidInputException("the access list is not an RLP list");
        }
        boolean legacy = !type.typed();
        if (legacy && namesAnything(accessList)) { // the parameter: the field is set after this body
            throw new EthException.InvalidInputException("a legacy transaction has no access list");
        }
        if (type != Type.EIP1559 && gasPrice == null) {
            throw new EthException.InvalidInputException("a legacy or EIP-2930 transaction needs a gas price");
        }
        if (type == Type.EIP1559 && (maxFeePerGas == null || maxPriorityFeePerGas == null)) {
            throw new EthException.InvalidInputException("an EIP-1559 transaction needs a max fee and a max priority fee");
        }
        if (txType != null && !legacy) {
            throw new EthException.InvalidInputException("a tx-type field exists only in legacy (Wanchain-style) transactions");
        }
        if (chainId.signum() <= 0) {
            throw new EthException.InvalidInputException("chain id must be positive, got " + chainId);
        }
    }

    /** An EIP-1559 (type 2) transaction. */
    public static EthTransaction eip1559(BigInteger chainId, BigInteger nonce, BigInteger gasLimit, Address to,
            BigInteger value, byte[] data, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas) {
        return new EthTransaction(Type.EIP1559, chainId, nonce, gasLimit, to, value, data, null, maxPriorityFeePerGas, maxFeePerGas, null, null);
    }

    /** A legacy EIP-155 transaction. */
    public static EthTransaction legacy(BigInteger chainId, BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit,
            Address to, BigInteger value, byte[] data) {
        return new EthTransaction(Type.LEGACY, chainId, nonce, gasLimit, to, value, data, gasPrice, null, null, null, null);
    }

    /** A copy of a legacy transaction with a Wanchain-style tx-type field first in its RLP. */
    public EthTransaction withTxType(BigInteger txType) {
        return new EthTransaction(type, chainId, nonce, gasLimit, to, value, data, gasPrice, maxPriorityFeePerGas, maxFeePerGas, txType,
                accessList);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public byte[] accessList() {
        return accessList.clone();
    }

    /** Whether the access list names anything (it is always empty for a legacy transaction). */
    public boolean hasAccessList() {
        return namesAnything(accessList);
    }

    private static boolean namesAnything(byte[] accessListRlp) {
        return !java.util.Arrays.equals(accessListRlp, EMPTY_LIST);
    }

    /**
     * The bytes a signer hashes: for legacy {@code rlp([nonce, gasPrice, gasLimit, to, value,
     * data, chainId, 0, 0])} (EIP-155); for EIP-1559 {@code 0x02 ‖ rlp([chainId, nonce,
     * maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, []])}.
     */
    public byte[] encodeForSigning() {
        List<RlpType> fields = fields();
        return switch (type) {
            case LEGACY -> {
                fields.add(RlpString.create(chainId));
                fields.add(RlpString.create(BigInteger.ZERO));
                fields.add(RlpString.create(BigInteger.ZERO));
                yield RlpEncoder.encode(new RlpList(fields));
            }
            case LEGACY_UNPROTECTED -> RlpEncoder.encode(new RlpList(fields));
            case EIP2930, EIP1559 -> typed(RlpEncoder.encode(new RlpList(fields)));
        };
    }

    /** keccak256 of {@link #encodeForSigning()}: the 32 bytes a key signs. */
    public byte[] signingHash() {
        return Hash.sha3(encodeForSigning());
    }

    /**
     * The signed, broadcastable encoding.
     *
     * @param yParity the recovery id, 0 or 1
     * @param r 32 bytes
     * @param s 32 bytes
     */
    public SignedTransaction sign(int yParity, byte[] r, byte[] s) {
        if (yParity != 0 && yParity != 1) {
            throw new EthException.InvalidInputException("recovery id must be 0 or 1, got " + yParity);
        }
        BigInteger v = switch (type) {
            case LEGACY -> chainId.shiftLeft(1).add(BigInteger.valueOf(35 + yParity));
            case LEGACY_UNPROTECTED -> BigInteger.valueOf(27 + yParity);
            case EIP2930, EIP1559 -> BigInteger.valueOf(yParity);
        };
        List<RlpType> fields = fields();
        fields.add(RlpString.create(v));
        fields.add(RlpString.create(new BigInteger(1, r)));
        fields.add(RlpString.create(new BigInteger(1, s)));
        byte[] rlp = RlpEncoder.encode(new RlpList(fields));
        byte[] raw = type.typed() ? typed(rlp) : rlp;
        return new SignedTransaction(raw, Hash.sha3(raw), v, new BigInteger(1, r), new BigInteger(1, s), yParity);
    }

    private List<RlpType> fields() {
        List<RlpType> f = new ArrayList<>();
        RlpString toField = to == null ? RlpString.create(new byte[0]) : RlpString.create(to.bytes());
        switch (type) {
            case LEGACY, LEGACY_UNPROTECTED -> {
                if (txType != null) {
                    f.add(RlpString.create(txType));
                }
                f.add(RlpString.create(nonce));
                f.add(RlpString.create(gasPrice));
                f.add(RlpString.create(gasLimit));
                f.add(toField);
                f.add(RlpString.create(value));
                f.add(RlpString.create(data));
            }
            case EIP2930 -> {
                f.add(RlpString.create(chainId));
                f.add(RlpString.create(nonce));
                f.add(RlpString.create(gasPrice));
                f.add(RlpString.create(gasLimit));
                f.add(toField);
                f.add(RlpString.create(value));
                f.add(RlpString.create(data));
                f.add(accessListRlp());
            }
            case EIP1559 -> {
                f.add(RlpString.create(chainId));
                f.add(RlpString.create(nonce));
                f.add(RlpString.create(maxPriorityFeePerGas));
                f.add(RlpString.create(maxFeePerGas));
                f.add(RlpString.create(gasLimit));
                f.add(toField);
                f.add(RlpString.create(value));
                f.add(RlpString.create(data));
                f.add(accessListRlp());
            }
        }
        return f;
    }

    private RlpType accessListRlp() {
        return org.web3j.rlp.RlpDecoder.decode(accessList).getValues().getFirst();
    }

    /**
     * Decodes an unsigned transaction: {@code 0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas,
     * maxFeePerGas, gasLimit, to, value, data, accessList])} (EIP-1559), {@code 0x01 ‖
     * rlp([chainId, nonce, gasPrice, gasLimit, to, value, data, accessList])} (EIP-2930), or a
     * legacy {@code rlp([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0])} (EIP-155).
     *
     * @throws EthException.InvalidInputException for another shape, or a legacy encoding without
     *     its EIP-155 chain id (see {@link #decodeUnsigned(byte[], BigInteger)})
     */
    public static EthTransaction decodeUnsigned(byte[] encoded) {
        return decodeUnsigned(encoded, null);
    }

    /**
     * As {@link #decodeUnsigned(byte[])}, but also accepts a 6-field legacy transaction with no
     * chain id (before EIP-155), which is valid on every chain: only when the caller names the
     * chain it means it for ({@code replayableOnChain}, kept for display, not signed).
     */
    public static EthTransaction decodeUnsigned(byte[] encoded, BigInteger replayableOnChain) {
        if (encoded.length == 0) {
            throw new EthException.InvalidInputException("the unsigned transaction is empty");
        }
        int first = encoded[0] & 0xff;
        if (first != 0x01 && first != 0x02 && first < 0xc0) {
            throw new EthException.InvalidInputException("unsupported transaction type 0x" + Integer.toHexString(first)
                    + ": legacy, EIP-2930 (type 1) and EIP-1559 (type 2) are signed here");
        }
        byte[] body = first < 0xc0 ? java.util.Arrays.copyOfRange(encoded, 1, encoded.length) : encoded;
        List<RlpType> f;
        try {
            f = ((RlpList) org.web3j.rlp.RlpDecoder.decode(body).getValues().getFirst()).getValues();
        } catch (RuntimeException e) {
            throw new EthException.InvalidInputException("the unsigned transaction is not valid RLP: " + e.getMessage(), e);
        }
        if (first == 0x02) {
            expectFields(f, 9, "EIP-1559");
            return new EthTransaction(Type.EIP1559, num(f.get(0)), num(f.get(1)), num(f.get(4)), to(f.get(5)), num(f.get(6)),
                    bytes(f.get(7)), null, num(f.get(2)), num(f.get(3)), null, RlpEncoder.encode(f.get(8)));
        }
        if (first == 0x01) {
            expectFields(f, 8, "EIP-2930");
            return new EthTransaction(Type.EIP2930, num(f.get(0)), num(f.get(1)), num(f.get(3)), to(f.get(4)), num(f.get(5)),
                    bytes(f.get(6)), num(f.get(2)), null, null, null, RlpEncoder.encode(f.get(7)));
        }
        if (f.size() == 6) {
            if (replayableOnChain == null) {
                throw new EthException.InvalidInputException("this legacy transaction has no chain id (before EIP-155): its signature "
                        + "would be valid on every chain where the sender's nonce matches; it is signed only when asked explicitly "
                        + "(tx sign --allow-replayable)");
            }
            return new EthTransaction(Type.LEGACY_UNPROTECTED, replayableOnChain, num(f.get(0)), num(f.get(2)), to(f.get(3)),
                    num(f.get(4)), bytes(f.get(5)), num(f.get(1)), null, null, null, null);
        }
        if (f.size() != 9 || num(f.get(7)).signum() != 0 || num(f.get(8)).signum() != 0) {
            throw new EthException.InvalidInputException("a legacy transaction has 9 fields ending chainId, 0, 0 (EIP-155); this one has "
                    + f.size() + " fields");
        }
        return legacy(num(f.get(6)), num(f.get(0)), num(f.get(1)), num(f.get(2)), to(f.get(3)), num(f.get(4)), bytes(f.get(5)));
    }

    private static void expectFields(List<RlpType> f, int n, String kind) {
        if (f.size() != n) {
            throw new EthException.InvalidInputException("an unsigned " + kind + " transaction has " + n + " fields, this one " + f.size());
        }
        if (!(f.get(n - 1) instanceof RlpList)) {
            throw new EthException.InvalidInputException("the " + kind + " access list is not a list");
        }
    }

    private static BigInteger num(RlpType t) {
        return new BigInteger(1, ((RlpString) t).getBytes());
    }

    private static byte[] bytes(RlpType t) {
        return ((RlpString) t).getBytes();
    }

    private static Address to(RlpType t) {
        byte[] b = bytes(t);
        return b.length == 0 ? null : Address.of(b);
    }

    private byte[] typed(byte[] rlp) {
        byte[] out = new byte[rlp.length + 1];
        out[0] = (byte) type.eip2718Type();
        System.arraycopy(rlp, 0, out, 1, rlp.length);
        return out;
    }
}
