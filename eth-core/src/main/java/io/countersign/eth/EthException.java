package io.countersign.eth;

/**
 * Root of every error raised by {@code eth-core}. Unchecked: callers that can do something
 * about a specific failure catch its subtype; everything else reaches the command line or the
 * console, which shows {@link #getMessage()} as is, so every message says what went wrong and
 * what to do.
 */
public sealed class EthException extends RuntimeException
        permits EthException.InvalidInputException, SignerException, EthException.RpcException {

    protected EthException(String message) {
        super(message);
    }

    protected EthException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A value given by the user or read from a file is malformed: bad hex, an address with a
     * wrong EIP-55 checksum, a derivation path that does not parse, a number out of range. The
     * message names the field and the expected shape; fix the input and try again.
     */
    public static final class InvalidInputException extends EthException {
        public InvalidInputException(String message) {
            super(message);
        }

        public InvalidInputException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A JSON-RPC node could not be reached, answered with an error, or answered something that
     * is not a JSON-RPC response. The message carries the node's own error text; check
     * {@code --rpc} and the node, or work in {@code --offline} mode with a request file.
     */
    public static final class RpcException extends EthException {
        private final Integer code;
        private final String data;

        public RpcException(String message, Integer code, Throwable cause) {
            this(message, code, null, cause);
        }

        /** @param data the error's {@code data} member when it is a hex string (e.g. revert data), else {@code null} */
        public RpcException(String message, Integer code, String data, Throwable cause) {
            super(message, cause);
            this.code = code;
            this.data = data;
        }

        /** The error's {@code data} member when the node sent a string (for a revert: the revert data, {@code 0x…}). */
        public java.util.Optional<String> data() {
            return java.util.Optional.ofNullable(data);
        }

        /** The JSON-RPC error code, or {@code null} for a transport failure. */
        public Integer code() {
            return code;
        }
    }
}
