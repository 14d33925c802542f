package io.countersign.app.timelock;

import io.countersign.app.session.CountersignException;
import java.util.Locale;

/** Which timelock contract a command or a watched timelock speaks to. */
public enum TimelockFlavor {
    /** OpenZeppelin {@code TimelockController} (contracts 5.x): schedule, execute, cancel by operation id. */
    OPENZEPPELIN("openzeppelin"),
    /** Compound {@code Timelock}: queueTransaction, executeTransaction, cancelTransaction with an eta. */
    COMPOUND("compound");

    private final String id;

    TimelockFlavor(String id) {
        this.id = id;
    }

    /** The name in files and JSON output: {@code openzeppelin} or {@code compound}. */
    public String id() {
        return id;
    }

    /**
     * Parses {@code oz}, {@code openzeppelin} or {@code compound} (any case).
     *
     * @throws CountersignException.Usage for anything else
     */
    public static TimelockFlavor parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "oz", "openzeppelin" -> OPENZEPPELIN;
            case "compound" -> COMPOUND;
            default -> throw new CountersignException.Usage("--flavor must be oz (OpenZeppelin TimelockController) or compound, got '"
                    + text + "'");
        };
    }
}
