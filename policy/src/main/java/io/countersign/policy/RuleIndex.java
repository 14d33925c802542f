package io.countersign.policy;

import io.countersign.eth.Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lookups the gate makes for every leg, built once per policy. */
final class RuleIndex {
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<Address, String> delegatecall = new HashMap<>();
    private final Map<Address, Map<String, String>> contracts = new HashMap<>();
    private final List<Rule.Tier> highest;
    private final List<Rule.RefundAllow> refunds;
    private final long maxTxGas;

    RuleIndex(Policy p) {
        List<Rule> rules = p.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            order.put(r.id(), i);
            if (r instanceof Rule.DelegatecallAllow d) {
                d.targets().forEach(t -> delegatecall.putIfAbsent(t, d.id()));
            } else if (r instanceof Rule.ContractAllow c) {
                c.selectors().forEach((addr, sels) -> {
                    Map<String, String> bySel = contracts.computeIfAbsent(addr, k -> new HashMap<>());
                    sels.forEach(s -> bySel.putIfAbsent(s, c.id()));
                });
            }
        }
        int max = rules.stream().filter(r -> r instanceof Rule.Tier).mapToInt(r -> ((Rule.Tier) r).level())
                .max().orElse(Integer.MIN_VALUE);
        highest = rules.stream().filter(r -> r instanceof Rule.Tier t && t.level() == max).map(r -> (Rule.Tier) r).toList();
        refunds = rules.stream().filter(r -> r instanceof Rule.RefundAllow).map(r -> (Rule.RefundAllow) r).toList();
        maxTxGas = refunds.stream().mapToLong(Rule.RefundAllow::maxTxGas).max().orElse(PolicyGate.DEFAULT_MAX_TX_GAS);
    }

    /** The refund-allow rules in file order. */
    List<Rule.RefundAllow> refunds() {
        return refunds;
    }

    /**
     * The transaction gas assumed for worst-case refunds: the largest {@code maxTxGas} of any
     * refund-allow rule (so every rule's bound holds), or {@link PolicyGate#DEFAULT_MAX_TX_GAS}.
     */
    long maxTxGas() {
        return maxTxGas;
    }

    /** Position of a rule id in the file; built-in ids sort first. */
    int order(String ruleId) {
        return order.getOrDefault(ruleId, -1);
    }

    Optional<String> delegatecallRule(Address target) {
        return Optional.ofNullable(delegatecall.get(target));
    }

    /** The contract-allow rule listing this target with this selector (or "*"). */
    Optional<String> contractRule(Address target, String selector) {
        Map<String, String> bySel = contracts.get(target);
        if (bySel == null) {
            return Optional.empty();
        }
        String id = selector.isEmpty() ? null : bySel.get(selector);
        return Optional.ofNullable(id != null ? id : bySel.get("*"));
    }

    /** The tier rules with the highest level (empty when the policy has none). */
    List<Rule.Tier> highestTiers() {
        return highest;
    }
}
