package io.countersign.timelock;

/**
 * Who may do what on a timelock. The first three are OpenZeppelin {@code AccessControl} roles, whose
 * id is {@code keccak256(name)}; {@code ADMIN} is the single {@code admin} of a Compound
 * {@code Timelock}, which alone may queue, execute and cancel.
 */
public enum TimelockRole {
    /** May {@code schedule}/{@code scheduleBatch}. */
    PROPOSER("PROPOSER_ROLE"),
    /** May {@code execute}/{@code executeBatch}; held by {@code address(0)} it means anyone may execute. */
    EXECUTOR("EXECUTOR_ROLE"),
    /** May {@code cancel}. */
    CANCELLER("CANCELLER_ROLE"),
    /** The Compound timelock's {@code admin}. */
    ADMIN("admin");

    private final String contractName;

    TimelockRole(String contractName) {
        this.contractName = contractName;
    }

    /** The contract's name for it, e.g. {@code PROPOSER_ROLE}. */
    public String contractName() {
        return contractName;
    }

    /** The 32-byte {@code AccessControl} role id, {@code keccak256("PROPOSER_ROLE")} etc. */
    public byte[] roleId() {
        if (this == ADMIN) {
            throw new IllegalStateException("the Compound admin is an address, not an AccessControl role");
        }
        return OzTimelockAbi.roleId(contractName);
    }
}
