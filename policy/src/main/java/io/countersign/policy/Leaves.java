package io.countersign.policy;

import io.countersign.eth.Address;
import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.TimelockStep;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The intents of a request, flattened, each with how the gate must treat it.
 *
 * @param intent the intent (containers are listed too, before their inner intents)
 * @param counted whether its amounts count as spend of this request: true at the top, inside
 *     delegatecalls and inside a timelock schedule/queue; false inside an execute or cancel of
 *     an operation (counted when it was scheduled)
 * @param delaySeconds the timelock delay before it runs, empty when it runs at execution
 */
record Leaves(Intent intent, boolean counted, Optional<Long> delaySeconds) {

    /**
     * @param trusted whether a delegatecall target is trusted to do what its calldata says (a
     *     listed MultiSend): only then are its inner intents walked
     */
    static List<Leaves> of(List<Intent> intents, Optional<Long> delay, Instant now, Predicate<Address> trusted) {
        List<Leaves> out = new ArrayList<>();
        walk(intents, true, delay, now, trusted, out);
        return out;
    }

    private static void walk(List<Intent> intents, boolean counted, Optional<Long> delay, Instant now,
            Predicate<Address> trusted, List<Leaves> out) {
        for (Intent i : intents) {
            out.add(new Leaves(i, counted, delay));
            switch (i) {
                case DelegateCall d when trusted.test(d.target()) -> walk(d.inner(), counted, delay, now, trusted, out);
                case DelegateCall d -> { }
                case TimelockStep t when t.action() == TimelockStep.Action.SCHEDULE ->
                        walk(t.inner(), counted, Optional.of(scheduledDelay(t, now)), now, trusted, out);
                case TimelockStep t -> walk(t.inner(), false, delay, now, trusted, out);
                default -> { }
            }
        }
    }

    /** OpenZeppelin: the {@code delay} argument; Compound: eta − now (0 if past). */
    private static long scheduledDelay(TimelockStep t, Instant now) {
        BigInteger d = t.delaySeconds().orElseGet(() ->
                t.eta().map(e -> e.subtract(BigInteger.valueOf(now.getEpochSecond()))).orElse(BigInteger.ZERO));
        return d.signum() < 0 ? 0 : d.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }
}
