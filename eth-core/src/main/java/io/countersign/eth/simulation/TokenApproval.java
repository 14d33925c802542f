package io.countersign.eth.simulation;

import io.countersign.eth.Address;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * An allowance or operator approval that a simulation saw set: ERC-20 {@code Approval(owner,
 * spender, value)}, ERC-721 {@code Approval(owner, approved, tokenId)} or ERC-721/1155
 * {@code ApprovalForAll(owner, operator, approved)}.
 *
 * @param kind which event
 * @param token the token contract that emitted it
 * @param owner whose tokens the approval covers
 * @param spender the spender, approved address or operator
 * @param amount ERC-20: the new allowance in base units; ERC-721: the token id; for all: 1 when
 *     approved, 0 when revoked
 */
public record TokenApproval(Kind kind, Address token, Address owner, Address spender, BigInteger amount) {

    /** The three approval events. */
    public enum Kind { ERC20, ERC721, FOR_ALL }

    public TokenApproval {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(spender, "spender");
        Objects.requireNonNull(amount, "amount");
    }

    /** Whether this grants anything (a zero allowance or a revoked operator grants nothing). */
    public boolean grants() {
        return amount.signum() > 0;
    }

    /** The token id of an ERC-721 single approval. */
    public Optional<BigInteger> tokenId() {
        return kind == Kind.ERC721 ? Optional.of(amount) : Optional.empty();
    }

    /** A sentence naming the approval. */
    public String describe() {
        return switch (kind) {
            case ERC20 -> "allowance of " + amount + " base units of token " + token + " for " + spender + " over " + owner
                    + "'s tokens";
            case ERC721 -> "approval of " + spender + " for ERC-721 token id " + amount + " of " + token;
            case FOR_ALL -> (grants() ? "operator approval of " : "operator approval revoked for ") + spender
                    + " over all of " + owner + "'s tokens of " + token;
        };
    }
}
