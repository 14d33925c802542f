package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.datatypes.Type;

/**
 * ERC-20 {@code transfer}, {@code transferFrom}, {@code approve} and OpenZeppelin's
 * {@code increaseAllowance}, recognised by selector on any target (the target need not be a known
 * token; amounts then stay in base units). A known selector whose arguments are not canonical is a
 * {@link MalformedCall}, never an unknown call.
 */
public final class Erc20Decoder implements CallDecoder {
    static final AbiFunction TRANSFER = AbiFunction.parse("transfer(address to, uint256 amount)");
    static final AbiFunction TRANSFER_FROM = AbiFunction.parse("transferFrom(address from, address to, uint256 amount)");
    static final AbiFunction APPROVE = AbiFunction.parse("approve(address spender, uint256 amount)");
    static final AbiFunction INCREASE_ALLOWANCE = AbiFunction.parse("increaseAllowance(address spender, uint256 addedValue)");

    @Override
    public Optional<List<Intent>> decode(Call call, DecodeContext ctx) {
        byte[] data = call.data();
        for (AbiFunction f : List.of(TRANSFER, TRANSFER_FROM, APPROVE, INCREASE_ALLOWANCE)) {
            if (f.matches(data)) {
                return Optional.of(List.of(f.decode(data)
                        .map(v -> toIntent(f, call, v, ctx))
                        .orElseGet(() -> f.malformed(call))));
            }
        }
        return Optional.empty();
    }

    private static Intent toIntent(AbiFunction f, Call call, List<Type> v, DecodeContext ctx) {
        Address token = call.to();
        Optional<TokenInfo> info = ctx.tokens().find(token);
        if (f == TRANSFER) {
            return new TokenTransfer(call, token, info, AbiFunction.address(v.get(0)), AbiFunction.uint(v.get(1)));
        } else if (f == TRANSFER_FROM) {
            return new TokenTransferFrom(call, token, info, AbiFunction.address(v.get(0)),
                    AbiFunction.address(v.get(1)), AbiFunction.uint(v.get(2)));
        } else if (f == APPROVE) {
            return new TokenApprove(call, token, info, AbiFunction.address(v.get(0)), AbiFunction.uint(v.get(1)));
        }
        return new TokenIncreaseAllowance(call, token, info, AbiFunction.address(v.get(0)), AbiFunction.uint(v.get(1)));
    }
}
