package io.countersign.app.cli;

import io.countersign.app.session.CountersignException;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.timelock.CompoundTransaction;
import io.countersign.timelock.OperationId;
import io.countersign.timelock.Salt;
import io.countersign.timelock.TimelockCall;
import io.countersign.timelock.TimelockCallsJson;
import io.countersign.timelock.TimelockOperation;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that name an operation's calls: {@code --target/--value/--data} or
 * {@code --batch FILE}, with {@code --predecessor} and {@code --salt} (OpenZeppelin), or
 * {@code --signature} and {@code --eta} (Compound).
 */
final class TimelockOperationOptions {
    @Option(names = "--target", paramLabel = "ADDRESS", description = "The account the timelock calls.")
    String target;

    @Option(names = "--value", paramLabel = "AMOUNT", description = "Native value the timelock sends (default 0). " + NativeAmount.HELP)
    String value;

    @Option(names = "--data", paramLabel = "HEX", description = "Calldata of the call (Compound with --signature: the ABI-encoded arguments only).")
    String data;

    @Option(names = "--batch", paramLabel = "FILE", description = "OpenZeppelin: a JSON array of {\"target\",\"value\",\"data\"} (scheduleBatch/executeBatch).")
    Path batch;

    @Option(names = "--predecessor", paramLabel = "ID", description = "OpenZeppelin: an operation that must be done first (default: none).")
    String predecessor;

    @Option(names = "--salt", paramLabel = "HEX32", description = "OpenZeppelin: 32-byte salt (schedule default: random; hash default: zero).")
    String salt;

    @Option(names = "--signature", paramLabel = "SIG", description = "Compound: function signature, e.g. 'transfer(address,uint256)' (default: none, --data is whole calldata).")
    String signature;

    @Option(names = "--eta", paramLabel = "SECONDS", description = "Compound: earliest execution time, seconds since the epoch.")
    BigInteger eta;

    /** True when any option naming calls was given. */
    boolean anyGiven() {
        return target != null || value != null || data != null || batch != null || predecessor != null || salt != null
                || signature != null || eta != null;
    }

    /** The OpenZeppelin operation; {@code defaultSalt} when no {@code --salt} is given. */
    TimelockOperation ozOperation(Salt defaultSalt) {
        if (signature != null || eta != null) {
            throw new CountersignException.Usage("--signature and --eta are for --flavor compound");
        }
        OperationId pred = predecessor == null ? OperationId.ZERO : OperationId.parse(predecessor, "--predecessor");
        Salt s = salt == null ? defaultSalt : Salt.parse(salt);
        if (batch != null) {
            if (target != null || value != null || data != null) {
                throw new CountersignException.Usage("--batch stands alone: the calls are in the file, not in --target/--value/--data");
            }
            return TimelockOperation.batch(TimelockCallsJson.parse(read(batch)), pred, s);
        }
        return TimelockOperation.single(singleCall(), pred, s);
    }

    /** The Compound transaction ({@code --eta} required). */
    CompoundTransaction compoundTransaction() {
        if (batch != null || predecessor != null || salt != null) {
            throw new CountersignException.Usage("--batch, --predecessor and --salt are OpenZeppelin options; "
                    + "a Compound transaction is --target --value [--signature] --data --eta");
        }
        if (eta == null) {
            throw new CountersignException.Usage("--flavor compound needs --eta SECONDS (earliest execution, seconds since the epoch)");
        }
        TimelockCall c = singleCall();
        return new CompoundTransaction(c.target(), c.value(), signature == null ? "" : signature, c.data(), eta);
    }

    private TimelockCall singleCall() {
        if (target == null) {
            throw new CountersignException.Usage("name the call with --target ADDRESS --value AMOUNT --data HEX"
                    + " (or --batch FILE for several calls)");
        }
        return new TimelockCall(Address.parse(target, "--target"), value == null ? BigInteger.ZERO : NativeAmount.parse(value, "--value"),
                Hex.decode(data == null ? "0x" : data, "--data"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CountersignException.Usage("cannot read --batch " + file + ": " + e.getMessage());
        }
    }

    /** The calls as JSON-friendly text, for output. */
    static List<String> describe(List<TimelockCall> calls) {
        return calls.stream().map(c -> c.target() + " value " + c.value() + " data " + Hex.encode(c.data())).toList();
    }
}
