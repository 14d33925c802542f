package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.SignerException;
import io.countersign.eth.TypedData;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The signer behind the console's Cancel button: once the officer pressed Cancel, a signature or
 * signed transaction that the device still returns is thrown away (a {@link SignerException} with
 * reason REFUSED, "cancelled in the console"), so the session writes nothing and broadcasts
 * nothing. A device blocked in its transport keeps waiting until it answers or times out; its
 * answer is then dropped here.
 */
public final class CancellableSigner implements Signer {
    private final Signer inner;
    private final AtomicBoolean cancelled;

    /** @param cancelled set when the officer pressed Cancel */
    public CancellableSigner(Signer inner, AtomicBoolean cancelled) {
        this.inner = inner;
        this.cancelled = cancelled;
    }

    /** The wrapped signer (for {@link LazySigner#unwrap}). */
    public Signer inner() {
        return inner;
    }

    private <T> T unlessCancelled(Supplier<T> step) {
        check();
        T result = step.get();
        check();
        return result;
    }

    private void check() {
        if (cancelled.get() || Thread.currentThread().isInterrupted()) {
            throw new SignerException(SignerException.Reason.REFUSED, "cancelled in the console; nothing was signed");
        }
    }

    @Override
    public Address address() {
        return inner.address();
    }

    @Override
    public String label() {
        return inner.label();
    }

    @Override
    public SignedTransaction signTransaction(EthTransaction tx) {
        return unlessCancelled(() -> inner.signTransaction(tx));
    }

    @Override
    public Signature signPersonalMessage(byte[] message) {
        return unlessCancelled(() -> inner.signPersonalMessage(message));
    }

    @Override
    public Signature signTypedData(TypedData typedData) {
        return unlessCancelled(() -> inner.signTypedData(typedData));
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public void permitHashOnlyTypedData(boolean permitted) {
        inner.permitHashOnlyTypedData(permitted);
    }

    @Override
    public boolean lastTypedDataWasHashOnly() {
        return inner.lastTypedDataWasHashOnly();
    }
}
