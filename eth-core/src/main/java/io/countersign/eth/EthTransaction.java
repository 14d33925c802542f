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
 */
public record EthTransaction(Type type, BigInteger chainId, BigInteger nonce, BigInteger gasLimit, Address to,
        BigInteger value, byte[] data, BigInteger gasPrice, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas,
        BigInteger txType) {

    /** The transaction envelope. */
    public enum Type { LEGACY, EIP1559 }

    public EthTransaction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(gasLimit, "gasLimit");
        Objects.requireNonNull(value, "value");
        data = data == null ? new byte[0] : data.clone();
        if (type == Type.LEGACY && gasPrice == null) {
            throw new EthException.InvalidInputException("a legacy transaction needs a gas price");
        }
        if (type == Type.EIP1559 && (maxFeePerGas == null || maxPriorityFeePerGas == null)) {
            throw new EthException.InvalidInputException("an EIP-1559 transaction needs a max fee and a max priority fee");
        }
        if (txType != null && type != Type.LEGACY) {
            throw new EthException.InvalidInputException("a tx-type field exists only in legacy (Wanchain-style) transactions");
        }
        if (chainId.signum() <= 0) {
            throw new EthException.InvalidInputException("chain id must be positive, got " + chainId);
        }
    }

    /** An EIP-1559 (type 2) transaction. */
    public static EthTransaction eip1559(BigInteger chainId, BigInteger nonce, BigInteger gasLimit, Address to,
            BigInteger value, byte[] data, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas) {
        return new EthTransaction(Type.EIP1559, chainId, nonce, gasLimit, to, value, data, null, maxPriorityFeePerGas, maxFeePerGas, null);
    }

    /** A legacy EIP-155 transaction. */
    public static EthTransaction legacy(BigInteger chainId, BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit,
            Address to, BigInteger value, byte[] data) {
        return new EthTransaction(Type.LEGACY, chainId, nonce, gasLimit, to, value, data, gasPrice, null, null, null);
    }

    /** A copy of a legacy transaction with a Wanchain-style tx-type field first in its RLP. */
    public EthTransaction withTxType(BigInteger txType) {
        return new EthTransaction(type, chainId, nonce, gasLimit, to, value, data, gasPrice, maxPriorityFeePerGas, maxFeePerGas, txType);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * The bytes a signer hashes: for legacy {@code rlp([nonce, gasPrice, gasLimit, to, value,
     * data, chainId, 0, 0])} (EIP-155); for EIP-1559 {@code 0x02 ‖ rlp([chainId, nonce,
     * maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, []])}.
     */
    public byte[] encodeForSigning() {
        List<RlpType> fields = fields();
        if (type == Type.LEGACY) {
            fields.add(RlpString.create(chainId));
            fields.add(RlpString.create(BigInteger.ZERO));
            fields.add(RlpString.create(BigInteger.ZERO));
            return RlpEncoder.encode(new RlpList(fields));
        }
        return typed(RlpEncoder.encode(new RlpList(fields)));
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
        BigInteger v = type == Type.LEGACY
                ? chainId.shiftLeft(1).add(BigInteger.valueOf(35 + yParity))
                : BigInteger.valueOf(yParity);
        List<RlpType> fields = fields();
        fields.add(RlpString.create(v));
        fields.add(RlpString.create(new BigInteger(1, r)));
        fields.add(RlpString.create(new BigInteger(1, s)));
        byte[] rlp = RlpEncoder.encode(new RlpList(fields));
        byte[] raw = type == Type.LEGACY ? rlp : typed(rlp);
        return new SignedTransaction(raw, Hash.sha3(raw), v, new BigInteger(1, r), new BigInteger(1, s), yParity);
    }

    private List<RlpType> fields() {
        List<RlpType> f = new ArrayList<>();
        RlpString toField = to == null ? RlpString.create(new byte[0]) : RlpString.create(to.bytes());
        if (type == Type.LEGACY) {
            if (txType != null) {
                f.add(RlpString.create(txType));
            }
            f.add(RlpString.create(nonce));
            f.add(RlpString.create(gasPrice));
            f.add(RlpString.create(gasLimit));
            f.add(toField);
            f.add(RlpString.create(value));
            f.add(RlpString.create(data));
        } else {
            f.add(RlpString.create(chainId));
            f.add(RlpString.create(nonce));
            f.add(RlpString.create(maxPriorityFeePerGas));
            f.add(RlpString.create(maxFeePerGas));
            f.add(RlpString.create(gasLimit));
            f.add(toField);
            f.add(RlpString.create(value));
            f.add(RlpString.create(data));
            f.add(new RlpList());
        }
        return f;
    }

    /**
     * Decodes an unsigned transaction: {@code 0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas,
     * maxFeePerGas, gasLimit, to, value, data, accessList])} with an empty access list, or a
     * legacy {@code rlp([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0])} (EIP-155).
     *
     * @throws EthException.InvalidInputException for another shape, a non-empty access list, or
     *     a legacy encoding without its EIP-155 chain id
     */
    public static EthTransaction decodeUnsigned(byte[] encoded) {
        if (encoded.length == 0) {
            throw new EthException.InvalidInputException("the unsigned transaction is empty");
        }
        boolean eip1559 = (encoded[0] & 0xff) == 0x02;
        if (!eip1559 && (encoded[0] & 0xff) < 0xc0) {
            throw new EthException.InvalidInputException("unsupported transaction type 0x" + Integer.toHexString(encoded[0] & 0xff)
                    + ": only legacy (EIP-155) and EIP-1559 (type 2) are signed here");
        }
        byte[] body = eip1559 ? java.util.Arrays.copyOfRange(encoded, 1, encoded.length) : encoded;
        List<RlpType> f;
        try {
            f = ((RlpList) org.web3j.rlp.RlpDecoder.decode(body).getValues().getFirst()).getValues();
        } catch (RuntimeException e) {
            throw new EthException.InvalidInputException("the unsigned transaction is not valid RLP: " + e.getMessage(), e);
        }
        if (eip1559) {
            if (f.size() != 9) {
                throw new EthException.InvalidInputException("an unsigned EIP-1559 transaction has 9 fields, this one " + f.size());
            }
            if (!((RlpList) f.get(8)).getValues().isEmpty()) {
                throw new EthException.InvalidInputException("transactions with an access list are not supported");
            }
            return eip1559(num(f.get(0)), num(f.get(1)), num(f.get(4)), to(f.get(5)), num(f.get(6)), bytes(f.get(7)),
                    num(f.get(2)), num(f.get(3)));
        }
        if (f.size() != 9 || num(f.get(7)).signum() != 0 || num(f.get(8)).signum() != 0) {
            throw new EthException.InvalidInputException("a legacy transaction must carry its EIP-155 chain id (9 fields ending "
                    + "chainId, 0, 0); this one has " + f.size() + " fields");
        }
        return legacy(num(f.get(6)), num(f.get(0)), num(f.get(1)), num(f.get(2)), to(f.get(3)), num(f.get(4)), bytes(f.get(5)));
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

    private static byte[] typed(byte[] rlp) {
        byte[] out = new byte[rlp.length + 1];
        out[0] = 0x02;
        System.arraycopy(rlp, 0, out, 1, rlp.length);
        return out;
    }
}
