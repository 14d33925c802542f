package io.countersign.policy;

/**
 * Every failure of the policy module. The gate fails closed: any of these means no signature.
 * Messages name the file, field, rule id or signer concerned.
 */
public sealed class PolicyException extends RuntimeException {

    PolicyException(String message) {
        super(message);
    }

    PolicyException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Thrown when the policy YAML or a signed bundle file cannot be read as a policy: bad YAML,
     * an unknown or missing field, an unquoted address, an amount with more decimals than its
     * token, an unknown label or token symbol. The message names the field. The admins fix the
     * file and sign it again.
     */
    public static final class InvalidPolicyException extends PolicyException {
        public InvalidPolicyException(String message) {
            super(message);
        }

        public InvalidPolicyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Thrown when the data directory holds no installed policy and dev mode was not asked for.
     * The officer installs a signed bundle ({@code countersign policy install FILE}), or, on a
     * development machine only, starts in dev mode.
     */
    public static final class NoPolicyException extends PolicyException {
        public NoPolicyException(String message) {
            super(message);
        }
    }

    /**
     * Thrown when a bundle's bytes are not the bytes its admins signed: the policy text does not
     * hash to the recorded {@code bundleHash}, or a signature does not recover to the signer it
     * names. Someone or something changed the file after signing. Get the file again from the
     * admins; do not edit a signed bundle.
     */
    public static final class TamperedBundleException extends PolicyException {
        public TamperedBundleException(String message) {
            super(message);
        }
    }

    /**
     * Thrown when fewer than the required number of distinct pinned admins signed the bundle
     * (the message gives both numbers and who signed). More admins sign it with
     * {@code countersign policy sign FILE --signer URI}.
     */
    public static final class InsufficientSignaturesException extends PolicyException {
        public InsufficientSignaturesException(String message) {
            super(message);
        }
    }

    /**
     * Thrown when a bundle carries a signature of an address that is neither a pinned admin nor
     * an admin the bundle itself declares. Either the wrong key signed, or someone tries to
     * slip in a policy. Remove that signature (re-sign with the right keys) or, if the admin set
     * really changed, have the pinned admins sign a bundle that declares the new set.
     */
    public static final class UnknownSignerException extends PolicyException {
        public UnknownSignerException(String message) {
            super(message);
        }
    }

    /**
     * Thrown when a bundle's {@code version} is not strictly higher than the installed one
     * (replaying an older, laxer policy). The admins raise the version and sign again.
     */
    public static final class VersionNotIncreasingException extends PolicyException {
        public VersionNotIncreasingException(String message) {
            super(message);
        }
    }

    /**
     * Thrown when the policy files in the data directory cannot be read or written (permissions,
     * disk full), or the admin pin is missing next to an installed bundle. The officer fixes the
     * data directory; a missing pin is never recreated silently.
     */
    public static final class PolicyStorageException extends PolicyException {
        public PolicyStorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
