package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.EthException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The calls a Safe makes on itself to manage itself, built the way Safe{Wallet} builds them:
 * the rejection that replaces a pending request, and the owner and threshold changes of Safe's
 * {@code OwnerManager} (Safe 1.1.0 to 1.4.1, {@code contracts/base/OwnerManager.sol}). Every
 * builder checks what the contract would check ({@code GS2xx} reverts) so a request that cannot
 * execute is refused before a file is written; the chain remains the oracle at execution.
 *
 * <p>The owners list is the Safe's linked list in {@code getOwners()} order: the owner before
 * {@code owners[0]} is the sentinel {@code 0x…01}, before {@code owners[i]} it is
 * {@code owners[i-1]}. {@code removeOwner} and {@code swapOwner} take that previous owner.
 *
 * <p>No I/O; every method is a pure function of its arguments.
 */
public final class SafeAdminCalls {
    /** {@code SENTINEL_OWNERS} of OwnerManager.sol: the head of the owners' linked list. */
    public static final Address SENTINEL = Address.parse("0x0000000000000000000000000000000000000001");

    private SafeAdminCalls() {}

    /**
     * The rejection of nonce N as Safe{Wallet} makes it: a CALL of the Safe to itself with value 0
     * and no data. Executed at nonce N it uses up that nonce, so every other request holding N can
     * no longer execute; it moves nothing.
     */
    public static Call rejection(Address safe) {
        return Call.of(safe, BigInteger.ZERO, new byte[0]);
    }

    /** Whether {@code call} on {@code safe} is exactly a {@link #rejection}. */
    public static boolean isRejection(Address safe, Call call) {
        return call.to().equals(safe) && call.value().signum() == 0 && call.data().length == 0
                && call.operation() == io.countersign.eth.Operation.CALL;
    }

    /**
     * {@code addOwnerWithThreshold(owner, _threshold)} on the Safe.
     *
     * @param owners the current owners, {@code getOwners()} order
     * @param threshold the new threshold, from 1 to {@code owners.size() + 1}
     * @throws EthException.InvalidInputException if the owner is the zero address, the sentinel, the
     *     Safe itself or already an owner (GS203, GS204), or the threshold is out of range (GS201, GS202)
     */
    public static Call addOwner(Address safe, List<Address> owners, Address owner, int threshold) {
        requireNewOwner(safe, owners, owner, "the new owner");
        requireThreshold(threshold, owners.size() + 1, "after adding " + owner);
        return self(safe, new Function("addOwnerWithThreshold", List.of(SafeAbi.addr(owner), new Uint256(threshold)), List.of()));
    }

    /**
     * {@code removeOwner(prevOwner, owner, _threshold)} on the Safe, with {@code prevOwner} looked
     * up in {@code owners}.
     *
     * @param threshold the new threshold, from 1 to {@code owners.size() - 1}
     * @throws EthException.InvalidInputException if {@code owner} is not an owner (GS205) or the
     *     threshold is out of range (GS201, GS202)
     */
    public static Call removeOwner(Address safe, List<Address> owners, Address owner, int threshold) {
        Address prev = previousOwner(safe, owners, owner);
        requireThreshold(threshold, owners.size() - 1, "after removing " + owner);
        return self(safe, new Function("removeOwner", List.of(SafeAbi.addr(prev), SafeAbi.addr(owner), new Uint256(threshold)),
                List.of()));
    }

    /**
     * {@code swapOwner(prevOwner, oldOwner, newOwner)} on the Safe; the threshold stays.
     *
     * @throws EthException.InvalidInputException if {@code oldOwner} is not an owner (GS205) or
     *     {@code newOwner} cannot be one (GS203, GS204)
     */
    public static Call swapOwner(Address safe, List<Address> owners, Address oldOwner, Address newOwner) {
        Address prev = previousOwner(safe, owners, oldOwner);
        requireNewOwner(safe, owners, newOwner, "the new owner");
        return self(safe, new Function("swapOwner", List.of(SafeAbi.addr(prev), SafeAbi.addr(oldOwner), SafeAbi.addr(newOwner)),
                List.of()));
    }

    /**
     * {@code changeThreshold(_threshold)} on the Safe.
     *
     * @throws EthException.InvalidInputException unless {@code 1 ≤ threshold ≤ owners.size()}
     *     (GS201, GS202), or if it is the current threshold (the change would do nothing)
     */
    public static Call changeThreshold(Address safe, List<Address> owners, int current, int threshold) {
        requireThreshold(threshold, owners.size(), "with " + owners.size() + " owners");
        if (threshold == current) {
            throw new EthException.InvalidInputException("the threshold is already " + current + "; nothing to change");
        }
        return self(safe, new Function("changeThreshold", List.of(new Uint256(threshold)), List.of()));
    }

    /**
     * The owner before {@code owner} in the Safe's linked list: the sentinel for the first.
     *
     * @throws EthException.InvalidInputException if {@code owner} is not in {@code owners}
     */
    public static Address previousOwner(Address safe, List<Address> owners, Address owner) {
        int i = owners.indexOf(owner);
        if (i < 0) {
            throw new EthException.InvalidInputException(owner + " is not an owner of Safe " + safe + " (owners: " + owners + ")");
        }
        return i == 0 ? SENTINEL : owners.get(i - 1);
    }

    private static void requireNewOwner(Address safe, List<Address> owners, Address owner, String what) {
        if (owner.equals(Address.ZERO) || owner.equals(SENTINEL) || owner.equals(safe)) {
            throw new EthException.InvalidInputException(what + " " + owner + " cannot be an owner: the zero address, the sentinel "
                    + "0x…01 and the Safe itself are refused by the contract (GS203)");
        }
        if (owners.contains(owner)) {
            throw new EthException.InvalidInputException(what + " " + owner + " is already an owner of Safe " + safe + " (GS204)");
        }
    }

    private static void requireThreshold(int threshold, int ownerCount, String when) {
        if (ownerCount < 1) {
            throw new EthException.InvalidInputException("a Safe must keep at least one owner");
        }
        if (threshold < 1 || threshold > ownerCount) {
            throw new EthException.InvalidInputException("threshold " + threshold + " is out of range " + when
                    + ": it must be from 1 to " + ownerCount + " (GS201, GS202)");
        }
    }

    private static Call self(Address safe, Function f) {
        return Call.of(safe, BigInteger.ZERO, SafeAbi.encode(f));
    }
}
