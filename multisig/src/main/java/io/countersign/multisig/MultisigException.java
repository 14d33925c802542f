package io.countersign.multisig;

/**
 * Root of the errors {@code multisig} raises itself. Malformed values inside a request (bad
 * hex, a wrong checksum, an unknown operation) are {@link io.countersign.eth.EthException}s
 * from eth-core; this root covers whole-file failures.
 */
public abstract sealed class MultisigException extends RuntimeException permits RequestFile.RequestFileException {
    MultisigException(String message, Throwable cause) {
        super(message, cause);
    }
}
