package io.countersign.eth;

/**
 * How a Safe (or a MultiSend leg) performs a call: the {@code operation} field of a SafeTx.
 * CREATE exists only in Safe 0.1.0 and 1.0.0.
 */
public enum Operation {
    CALL(0),
    DELEGATECALL(1),
    /** Contract creation; accepted by Safe 0.1.0 and 1.0.0 only (1.1.0 removed it). */
    CREATE(2);

    private final int code;

    Operation(int code) {
        this.code = code;
    }

    /** The uint8 value used on chain. */
    public int code() {
        return code;
    }

    /** @throws EthException.InvalidInputException for a code other than 0, 1 or 2 */
    public static Operation ofCode(int code) {
        for (Operation op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        throw new EthException.InvalidInputException(
                "operation must be 0 (call), 1 (delegatecall) or 2 (create), got " + code);
    }

    /** Accepts {@code call}, {@code delegatecall}, {@code create} or their numeric codes. */
    public static Operation parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "call", "0" -> CALL;
            case "delegatecall", "1" -> DELEGATECALL;
            case "create", "2" -> CREATE;
            default -> throw new EthException.InvalidInputException(
                    "operation must be call, delegatecall or create, got " + text);
        };
    }
}
