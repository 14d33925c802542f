package io.countersign.policy;

import io.countersign.eth.Address;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One rule of a policy, with the id the decision's reasons cite. Every rule is evaluated on
 * every request; the strictest outcome wins (see {@link PolicyGate}). Amounts are base units.
 */
public sealed interface Rule {

    /** The rule's id, unique in its policy. */
    String id();

    /**
     * Caps on what leaves the Safe in one asset: per request (all legs together), and per rolling
     * 24 hours and 7 days (spend so far from the {@link SpendLedger} plus this request). A total
     * exactly at a cap is allowed. An asset without any limit rule may not be spent at all.
     *
     * @param perTransaction cap for one request, base units
     * @param perDay cap for the rolling 24 hours ending now, base units
     * @param perWeek cap for the rolling 7 × 24 hours ending now, base units
     */
    record Limit(String id, Asset asset, Optional<BigInteger> perTransaction, Optional<BigInteger> perDay,
            Optional<BigInteger> perWeek) implements Rule {}

    /** Only these recipients (transfer recipients, allowance spenders) may receive; any other is denied. */
    record RecipientAllow(String id, Set<Address> recipients) implements Rule {}

    /** These recipients are denied. */
    record RecipientDeny(String id, Set<Address> recipients) implements Rule {}

    /**
     * Contract calls allowed, per contract: a set of selectors ({@code 0x} + 8 hex) or
     * {@code "*"} for any. A contract call (known or unknown calldata) or a timelock call whose
     * target and selector no such rule lists is denied.
     */
    record ContractAllow(String id, Map<Address, Set<String>> selectors) implements Rule {}

    /**
     * A SafeTx with a non-zero {@code gasPrice} makes the Safe pay a gas refund; it is denied
     * unless a rule of this kind admits it: the gas token is {@code asset}, the
     * {@code refundReceiver} is listed (or is zero, i.e. {@code tx.origin}, and
     * {@code anyExecutor}), and the worst-case payment is at most {@code maxRefund}. The worst case
     * is {@code (maxGasUsed + baseGas) × gasPrice}, with {@code maxGasUsed} bounded from
     * {@code safeTxGas}, the calldata length and {@code maxTxGas} (docs/policy.md, "Gas refunds");
     * it counts as spend of the gas token, and the receiver is checked like any recipient.
     *
     * @param asset the gas token admitted (native: ether)
     * @param receivers refund receivers admitted
     * @param anyExecutor whether a zero {@code refundReceiver} ({@code tx.origin}, whoever
     *     executes) is admitted ({@code tx.origin} in the YAML list)
     * @param maxRefund cap on the worst-case payment of one request, base units
     * @param maxTxGas the most gas one transaction can use on the chains in scope (the block gas
     *     limit, or 16777216 where EIP-7825 caps transactions), gas units
     */
    record RefundAllow(String id, Asset asset, Set<Address> receivers, boolean anyExecutor,
            Optional<BigInteger> maxRefund, long maxTxGas) implements Rule {}

    /** DELEGATECALL is allowed only to these (MultiSend / MultiSendCallOnly) addresses. */
    record DelegatecallAllow(String id, Set<Address> targets) implements Rule {}

    /**
     * Signing is allowed only inside one of these windows, in the policy's time zone.
     *
     * @param windows at least one
     */
    record TimeWindow(String id, List<Window> windows) implements Rule {}

    /**
     * A weekly window. {@code days} are the days on which it opens. When {@code to} is after
     * {@code from} it covers [from, to) on each of those days; when {@code to} is before (or
     * equal to) {@code from} it straddles midnight: [from, 24:00) on the day and [00:00, to) on
     * the next day. {@code from == to} would be a full 24 hours.
     */
    record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {}

    /**
     * Above {@code above} base units of {@code asset} in one request (strictly greater), the
     * requirements apply. The privileged Safe changes get the requirements of the tier with the
     * highest {@code level}.
     */
    record Tier(String id, int level, Asset asset, BigInteger above, List<Requirement> require) implements Rule {}
}
