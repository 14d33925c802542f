package io.countersign.eth.intent;

import java.util.Locale;
import java.util.Optional;

/**
 * Which timelock contract family a call, a command or a watched timelock speaks to. The one
 * flavour type of Countersign: the decoder's {@link TimelockStep}, the command line's
 * {@code --flavor}, request files and the timelock watch list all use it.
 */
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
     * The flavour a person or a file names: {@code oz}, {@code openzeppelin} or {@code compound},
     * in any case, surrounding blanks ignored.
     *
     * @param text the name, may be {@code null}
     * @return the flavour, or empty for anything else (including {@code null} and blank)
     */
    public static Optional<TimelockFlavor> named(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "oz", "openzeppelin" -> Optional.of(OPENZEPPELIN);
            case "compound" -> Optional.of(COMPOUND);
            default -> Optional.empty();
        };
    }
}
