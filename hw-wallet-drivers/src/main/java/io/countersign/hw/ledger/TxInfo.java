package io.countersign.hw.ledger;

import io.countersign.hw.DeviceException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * What the Ledger client needs to know about an unsigned raw transaction before sending it, as
 * hw-app-eth's {@code decodeTxInfo} computes it.
 *
 * @param txType 1 (EIP-2930) or 2 (EIP-1559) for typed transactions, {@code null} for legacy
 * @param chainId the chain id (1 for a legacy transaction without EIP-155 fields)
 * @param chainIdTruncated the first four bytes of the chain id (right-aligned when shorter), as uint32
 * @param vrsOffset for an EIP-155 legacy transaction, the offset of the {@code chainId, 0, 0} tail,
 *     which must not be split from the last chunk; 0 otherwise
 */
public record TxInfo(Integer txType, BigInteger chainId, long chainIdTruncated, int vrsOffset) {

    /**
     * Decodes a raw unsigned transaction (legacy RLP list, or type byte ‖ RLP list).
     *
     * @throws DeviceException.DeviceFailure if the bytes are not an RLP list
     */
    public static TxInfo decode(byte[] rawTx) {
        Integer txType = rawTx.length > 0 && (rawTx[0] == 1 || rawTx[0] == 2) ? (int) rawTx[0] : null;
        byte[] rlp = txType == null ? rawTx : Arrays.copyOfRange(rawTx, 1, rawTx.length);
        List<RlpType> items;
        try {
            items = ((RlpList) RlpDecoder.decode(rlp).getValues().get(0)).getValues();
        } catch (RuntimeException e) {
            throw new DeviceException.DeviceFailure("not an unsigned RLP transaction: " + e.getMessage(), e);
        }
        byte[] chainIdSrc;
        if (txType != null) {
            chainIdSrc = bytes(items.get(0));
        } else {
            chainIdSrc = items.size() > 6 ? bytes(items.get(6)) : new byte[] {1};
        }
        BigInteger chainId = new BigInteger(1, chainIdSrc);
        byte[] truncated = new byte[4];
        if (chainIdSrc.length > 4) {
            System.arraycopy(chainIdSrc, 0, truncated, 0, 4);
        } else {
            System.arraycopy(chainIdSrc, 0, truncated, 4 - chainIdSrc.length, chainIdSrc.length);
        }
        long chainIdTruncated = new BigInteger(1, truncated).longValue();
        int vrsOffset = 0;
        if (txType == null && items.size() > 6) {
            List<RlpType> tail = items.subList(items.size() - 3, items.size());
            byte[] encodedTail = RlpEncoder.encode(new RlpList(tail.stream().map(t -> (RlpType) RlpString.create(bytes(t))).toList()));
            int header = (encodedTail[0] & 0xff) > 0xf7 ? 1 + (encodedTail[0] & 0xff) - 0xf7 : 1;
            vrsOffset = rawTx.length - (encodedTail.length - header);
        }
        return new TxInfo(txType, chainId, chainIdTruncated, vrsOffset);
    }

    private static byte[] bytes(RlpType t) {
        if (t instanceof RlpString s) {
            return s.getBytes();
        }
        throw new DeviceException.DeviceFailure("unexpected nested list where a transaction field was expected");
    }
}
