package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The gas refund a Safe pays when it executes a SafeTx with a non-zero {@code gasPrice} (Safe
 * 1.4.1 {@code execTransaction} / {@code handlePayment}; the same formula since 1.0.0): after the
 * inner call, <em>whether or not it succeeded</em>, the Safe pays
 * {@code (gasUsed + baseGas) × price} to {@code refundReceiver}, or to {@code tx.origin} (whoever
 * submits the transaction) when {@code refundReceiver} is the zero address. In ether
 * ({@code gasToken} zero) {@code price = min(gasPrice, tx.gasprice)}; in a token
 * {@code price = gasPrice} and the Safe calls {@code gasToken.transfer(receiver, payment)}.
 *
 * <p>{@code gasUsed} is measured by the Safe around the inner call, so no signer knows it in
 * advance; {@link #worstCase(long)} is a sound upper bound on the payment given the most gas one
 * transaction can use, which the policy states (docs/policy.md, "Gas refunds").
 *
 * @param call the SafeTx's call (the refund accompanies it)
 * @param gasToken the token paid, or empty for ether
 * @param receiver the {@code refundReceiver}, or empty when it is zero: then {@code tx.origin},
 *     an address no signer can know in advance
 * @param safeTxGas the SafeTx's {@code safeTxGas} (gas units)
 * @param baseGas the SafeTx's {@code baseGas} (gas units)
 * @param gasPrice the SafeTx's {@code gasPrice} (base units of the gas token per gas unit; wei for ether)
 */
public record GasRefund(Call call, Optional<Address> gasToken, Optional<Address> receiver, BigInteger safeTxGas,
        BigInteger baseGas, BigInteger gasPrice) implements Intent {

    /**
     * Gas the Safe's measured region can use besides the {@code safeTxGas} it forwards and the
     * memory for copying the calldata: the CALL's cold account access (2,600), value transfer
     * (9,000), new account (25,000), an EIP-7702 delegation's second cold access (2,600), and the
     * Solidity code around the call (a few hundred), rounded up generously.
     */
    public static final long FIXED_OVERHEAD = 50_000;

    public GasRefund {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(gasToken, "gasToken");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(safeTxGas, "safeTxGas");
        Objects.requireNonNull(baseGas, "baseGas");
        Objects.requireNonNull(gasPrice, "gasPrice");
    }

    /**
     * An upper bound on {@code gasUsed} as Safe 1.4.1 measures it when {@code gasPrice > 0}:
     * {@code min(maxTxGas, safeTxGas + FIXED_OVERHEAD + copy)}. With a non-zero {@code gasPrice}
     * the Safe forwards exactly {@code safeTxGas} to the inner call, which can use no more (the
     * 2,300 stipend of a value transfer is paid for by the 9,000 of the transfer). Between the two
     * {@code gasleft()} readings the Safe also copies the calldata ({@code dataLength} bytes, w =
     * ceil(dataLength / 32) + 1 words) into memory; that costs 6w plus the quadratic memory cost
     * ((M + w)² − M²) / 512, where M is the memory the transaction already used, which the
     * executor can inflate (e.g. with long signatures) only as far as its gas allows:
     * 3M + M²/512 ≤ maxTxGas. And nothing measured inside one transaction exceeds its gas.
     *
     * @param dataLength the SafeTx's calldata length in bytes
     * @param maxTxGas the most gas one transaction can use (the block gas limit, or the EIP-7825
     *     transaction gas cap where it applies)
     */
    public static BigInteger maxGasUsed(BigInteger safeTxGas, int dataLength, long maxTxGas) {
        long m = maxMemoryWords(maxTxGas);
        BigInteger w = BigInteger.valueOf((dataLength + 31L) / 32 + 1);
        BigInteger mw = BigInteger.valueOf(m);
        BigInteger memory = mw.add(w).pow(2).subtract(mw.pow(2)).add(BigInteger.valueOf(511)).divide(BigInteger.valueOf(512));
        BigInteger bound = safeTxGas.add(BigInteger.valueOf(FIXED_OVERHEAD)).add(w.multiply(BigInteger.valueOf(6))).add(memory);
        return bound.min(BigInteger.valueOf(maxTxGas));
    }

    /** The largest M (32-byte words) with 3M + M²/512 ≤ gas: the most memory a transaction can pay for. */
    static long maxMemoryWords(long gas) {
        long lo = 0;
        long hi = 1L << 32;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            BigInteger m = BigInteger.valueOf(mid);
            BigInteger cost = m.multiply(BigInteger.valueOf(3)).add(m.pow(2).divide(BigInteger.valueOf(512)));
            if (cost.compareTo(BigInteger.valueOf(gas)) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The worst-case payment: {@code (maxGasUsed + baseGas) × gasPrice}, base units of the gas
     * token. For ether the Safe uses {@code min(gasPrice, tx.gasprice)}, never more than
     * {@code gasPrice}, so the same bound holds.
     */
    public static BigInteger worstCase(BigInteger safeTxGas, BigInteger baseGas, BigInteger gasPrice, int dataLength,
            long maxTxGas) {
        return maxGasUsed(safeTxGas, dataLength, maxTxGas).add(baseGas).multiply(gasPrice);
    }

    /**
     * The refund intent of a SafeTx with a non-zero {@code gasPrice}.
     *
     * @param gasToken the SafeTx's {@code gasToken} (zero address: ether)
     * @param refundReceiver the SafeTx's {@code refundReceiver} (zero address: {@code tx.origin})
     */
    public static GasRefund of(Call call, BigInteger safeTxGas, BigInteger baseGas, BigInteger gasPrice, Address gasToken,
            Address refundReceiver) {
        return new GasRefund(call, gasToken.equals(Address.ZERO) ? Optional.empty() : Optional.of(gasToken),
                refundReceiver.equals(Address.ZERO) ? Optional.empty() : Optional.of(refundReceiver),
                safeTxGas, baseGas, gasPrice);
    }

    /** This refund's worst-case payment in base units of the gas token, for transactions of at most {@code maxTxGas} gas. */
    public BigInteger worstCase(long maxTxGas) {
        return worstCase(safeTxGas, baseGas, gasPrice, call.data().length, maxTxGas);
    }

    /** The paying asset for a person: {@code "ether"} or {@code "token 0x…"}. */
    public String assetText() {
        return gasToken.map(t -> "token " + t).orElse("ether");
    }

    /** The receiver for a person: the address, or {@code "tx.origin (whoever executes)"}. */
    public String receiverText() {
        return receiver.map(Address::toString).orElse("tx.origin (whoever executes)");
    }

    @Override
    public String describe() {
        return "GAS REFUND in " + assetText() + " to " + receiverText() + ": (gasUsed + baseGas " + baseGas
                + ") × gasPrice " + gasPrice + ", gasUsed up to safeTxGas " + safeTxGas
                + " + overhead; paid even if the call fails";
    }

    @Override
    public boolean flagged() {
        return true;
    }
}
