package io.countersign.eth;

/**
 * One account that can sign: a software key or a hardware-wallet account. Every method may
 * block while a person confirms on a device.
 *
 * <p>Implementations return signatures as the key made them and do not check them; the signing
 * session recovers the address from every returned signature before accepting it.
 *
 * @throws SignerException from every signing method when the key is unavailable or the holder
 *     refuses
 */
public interface Signer extends AutoCloseable {

    /** The account's address. A device may be asked for it. */
    Address address();

    /** What a person sees naming this signer, e.g. {@code "software key m/44'/60'/0'/0/0"}. */
    String label();

    /** Signs a plain transaction (EIP-155 legacy or EIP-1559). */
    SignedTransaction signTransaction(EthTransaction tx);

    /** Signs an EIP-191 personal message; {@code v} is 27 or 28. */
    Signature signPersonalMessage(byte[] message);

    /** Signs EIP-712 typed data; {@code v} is 27 or 28. */
    Signature signTypedData(TypedData typedData);

    /** Releases a device or wipes a key. Idempotent. */
    @Override
    default void close() {}

    /**
     * Whether {@link #signTypedData} may sign only the two EIP-712 hashes when the device cannot
     * show the fields (blind signing: a Ledger app without EIP-712 clear signing, a Trezor One).
     * When not permitted, such a signer throws a {@link SignerException} before the device is
     * asked to sign. Software keys show nothing and ignore this.
     */
    default void permitHashOnlyTypedData(boolean permitted) {}

    /** True if the last {@link #signTypedData} signature was made over the hashes only (the device showed no field). */
    default boolean lastTypedDataWasHashOnly() {
        return false;
    }

    /**
     * What the device says about itself (vendor, model or app, firmware or app version, settings
     * that matter for signing), asked of the device when it has a way to tell; empty for a signer
     * that is no device (a software key). Faces show this instead of testing for vendor classes.
     *
     * @throws SignerException if the device cannot be asked
     */
    default java.util.Optional<DeviceDescription> describeDevice() {
        return java.util.Optional.empty();
    }

    /**
     * Whether {@link #showAddress} can put the address on a screen the holder sees (a hardware
     * wallet); false for a signer with no screen.
     */
    default boolean canShowAddress() {
        return false;
    }

    /**
     * Shows the account's address on the device's own screen for its holder to compare with the
     * one the host prints, naming the network when the device can and {@code chainId} is given,
     * and returns the address the device reported.
     *
     * @param chainId the chain to name on the device, or null
     * @throws UnsupportedOperationException if {@link #canShowAddress} is false
     * @throws SignerException if the device refuses or fails
     */
    default Address showAddress(java.math.BigInteger chainId) {
        throw new UnsupportedOperationException(label() + " has no screen to show the address on");
    }
}
