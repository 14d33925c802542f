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
