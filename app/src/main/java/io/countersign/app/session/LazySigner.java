package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.SignerException;
import io.countersign.eth.TypedData;
import java.util.function.Supplier;

/**
 * A signer that is opened only when it is first used: the session decides (policy, chain checks)
 * before it asks the signer anything, so a request the policy refuses never opens a device, and the
 * officer never plugs in and unlocks one for it ({@code safe sign --signer ledger} with no policy
 * installed exits 3 with the policy's reason, not 5 "no Ledger is connected"). Closing a signer that
 * was never opened does nothing. A device error while opening surfaces at first use, translated
 * like any device error.
 */
public final class LazySigner implements Signer {
    private final Supplier<Signer> opener;
    private final String uri;
    private Signer opened;
    private Boolean hashOnlyPermitted;

    /**
     * @param uri the signer URI, for {@link #label()} before it is opened
     * @param opener opens the real signer (device, keystore, mnemonic)
     */
    public LazySigner(String uri, Supplier<Signer> opener) {
        this.uri = uri;
        this.opener = opener;
    }

    /** The real signer, opened now if it was not yet. */
    public synchronized Signer opened() {
        if (opened == null) {
            try {
                opened = opener.get();
            } catch (SignerException e) {
                throw DeviceErrors.translate(e);
            }
            if (hashOnlyPermitted != null) {
                opened.permitHashOnlyTypedData(hashOnlyPermitted);
            }
        }
        return opened;
    }

    /** Whether the real signer was opened. */
    public synchronized boolean isOpen() {
        return opened != null;
    }

    /** {@code signer}, or the real signer behind it when it is a {@link LazySigner} (opened now). */
    public static Signer unwrap(Signer signer) {
        if (signer instanceof CancellableSigner cancellable) {
            return unwrap(cancellable.inner());
        }
        return signer instanceof LazySigner lazy ? lazy.opened() : signer;
    }

    @Override
    public Address address() {
        return opened().address();
    }

    @Override
    public synchronized String label() {
        return opened != null ? opened.label() : uri;
    }

    @Override
    public SignedTransaction signTransaction(EthTransaction tx) {
        return opened().signTransaction(tx);
    }

    @Override
    public Signature signPersonalMessage(byte[] message) {
        return opened().signPersonalMessage(message);
    }

    @Override
    public Signature signTypedData(TypedData typedData) {
        return opened().signTypedData(typedData);
    }

    @Override
    public synchronized void permitHashOnlyTypedData(boolean permitted) {
        hashOnlyPermitted = permitted;
        if (opened != null) {
            opened.permitHashOnlyTypedData(permitted);
        }
    }

    /** Opens the device (it must answer) and asks it. */
    @Override
    public java.util.Optional<io.countersign.eth.DeviceDescription> describeDevice() {
        return opened().describeDevice();
    }

    /** Opens the device to know whether it has a screen. */
    @Override
    public boolean canShowAddress() {
        return opened().canShowAddress();
    }

    @Override
    public Address showAddress(java.math.BigInteger chainId) {
        return opened().showAddress(chainId);
    }

    @Override
    public synchronized boolean lastTypedDataWasHashOnly() {
        return opened != null && opened.lastTypedDataWasHashOnly();
    }

    @Override
    public synchronized void close() {
        if (opened != null) {
            opened.close();
        }
    }
}
