package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Eip191;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Hex;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.SignerException;
import io.countersign.eth.TypedData;
import io.countersign.eth.intent.Intent;
import io.countersign.journal.EntryKind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline for what is not a Safe request: plain transactions, personal messages and
 * EIP-712 documents. Same order as for Safe requests: decode → policy → device → recover →
 * journal; a signature is returned only after it recovers to the signer's address. The signer
 * is closed as soon as its signature is returned, before anything is journalled.
 */
public final class PlainSigning {
    private final AppContext ctx;
    private final SessionListener listener;

    public PlainSigning(AppContext ctx, SessionListener listener) {
        this.ctx = ctx;
        this.listener = listener;
    }

    /** A message signature and the address it recovers to. */
    public record SignedMessage(Signature signature, Address address) {}

    /**
     * @throws CountersignException.PolicyDenied if the gate does not allow the transaction's calls
     */
    public SignedTransaction signTransaction(EthTransaction tx, Signer signer) {
        return signTransaction(tx, signer, s -> { });
    }

    /**
     * As {@link #signTransaction(EthTransaction, Signer)}, running {@code beforeDevice} (e.g.
     * sending Ledger descriptors) after the policy allowed the transaction and right before the
     * signer is asked.
     */
    public SignedTransaction signTransaction(EthTransaction tx, Signer signer, java.util.function.Consumer<Signer> beforeDevice) {
        Call call = Call.of(tx.to() == null ? Address.ZERO : tx.to(), tx.value(), tx.data());
        List<Intent> intents = ctx.decode(call, tx.chainId(), null);
        IntentLines.texts(intents).forEach(line -> listener.notice("call: " + line));
        // A plain transaction is judged as its recipient's: a policy covers it only by naming that address.
        gate(ctx.policy().evaluate(tx.chainId(), call.to(), intents, Instant.now(), 1), "transaction " + Hex.encode(tx.signingHash()));
        listener.confirmOnDevice("transaction on chain " + tx.chainId() + " to " + tx.to() + ", value " + tx.value()
                + " wei, nonce " + tx.nonce() + ", gas " + tx.gasLimit());
        SignedTransaction signed;
        try {
            beforeDevice.accept(signer);
            signed = signer.signTransaction(tx);
        } catch (SignerException e) {
            throw DeviceErrors.translate(e);
        }
        Signers.release(signer);
        Address from = sender(tx, signed);
        journal("transaction", Map.of("hash", Hex.encode(signed.hash()), "from", from.toString(), "chainId", tx.chainId().toString()));
        return signed;
    }

    /** The address a signed transaction recovers to (the sender). */
    public static Address sender(EthTransaction tx, SignedTransaction signed) {
        Signature sig = new Signature(org.web3j.utils.Numeric.toBytesPadded(signed.r(), 32),
                org.web3j.utils.Numeric.toBytesPadded(signed.s(), 32), 27 + signed.yParity());
        return sig.recover(tx.signingHash());
    }

    /** EIP-191 personal message. */
    public SignedMessage signMessage(byte[] message, Signer signer) {
        String what = "personal message of " + message.length + " bytes (EIP-191 hash " + Hex.encode(Eip191.hashPersonalMessage(message)) + ")";
        gate(ctx.policy().evaluateMessage(null, what, Instant.now()), what);
        listener.confirmOnDevice(what);
        Signature sig = call(() -> signer.signPersonalMessage(message));
        Signers.release(signer);
        sig = sig.normalizeV();
        Address address = sig.recover(Eip191.hashPersonalMessage(message));
        journal("message", Map.of("address", address.toString(), "hash", Hex.encode(Eip191.hashPersonalMessage(message))));
        return new SignedMessage(sig, address);
    }

    /** EIP-712 typed data. */
    public SignedMessage signTypedData(TypedData data, Signer signer) {
        String what = "EIP-712 " + data.primaryType() + " (domain hash " + Hex.encode(data.domainHash()) + ", message hash "
                + Hex.encode(data.messageHash()) + ")";
        gate(ctx.policy().evaluateMessage(null, what, Instant.now()), what);
        listener.confirmOnDevice(what);
        Signature sig = call(() -> signer.signTypedData(data));
        Signers.release(signer);
        sig = sig.normalizeV();
        Address address = sig.recover(data.digest());
        journal("typed-data", Map.of("address", address.toString(), "digest", Hex.encode(data.digest())));
        return new SignedMessage(sig, address);
    }

    /**
     * EIP-712 from its two hashes (32 bytes each), for apps too old to clear-sign: the device
     * shows only the hashes, so the listener is told exactly which to compare.
     */
    public SignedMessage signTypedDataHashes(byte[] domainHash, byte[] messageHash, Signer signer) {
        String what = "EIP-712 hashes only (domain hash " + Hex.encode(domainHash) + ", message hash " + Hex.encode(messageHash) + ")";
        if (!ctx.allowBlind()) {
            throw new CountersignException.Usage("signing " + what + " is blind signing: the device shows only the two hashes, "
                    + "never the document's fields; nothing was signed. Pass --allow-blind once you have compared both hashes "
                    + "with the real document's");
        }
        gate(ctx.policy().evaluateMessage(null, what, Instant.now()), what);
        listener.confirmOnDevice(what + ": the device shows only these two hashes; compare every character with the ones "
                + "Countersign printed for the real document");
        Signature sig = call(() -> TypedHashSigning.sign(signer, domainHash, messageHash));
        Signers.release(signer);
        sig = sig.normalizeV();
        byte[] digest = TypedData.digest(domainHash, messageHash);
        Address address = sig.recover(digest);
        journal("typed-data-hashes", Map.of("address", address.toString(), "digest", Hex.encode(digest), "blind", true));
        return new SignedMessage(sig, address);
    }

    private void gate(io.countersign.policy.Decision decision, String what) {
        String policy = ctx.policy().name();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("subject", what);
        p.put("decision", decision.word());
        p.put("policy", policy);
        p.put("reasons", DecisionLines.reasons(decision));
        ctx.journal().append(EntryKind.DECISION, p);
        listener.decided(decision, policy);
        if (!DecisionLines.signable(decision)) {
            throw new CountersignException.PolicyDenied("policy " + decision.word() + " (" + policy + "): "
                    + String.join("; ", DecisionLines.reasons(decision)));
        }
    }

    private void journal(String kind, Map<String, Object> fields) {
        Map<String, Object> p = new LinkedHashMap<>(fields);
        p.put("kind", kind);
        ctx.journal().append(EntryKind.SIGNATURE, p);
    }

    private static Signature call(java.util.function.Supplier<Signature> s) {
        try {
            return s.get();
        } catch (SignerException e) {
            throw DeviceErrors.translate(e);
        }
    }

}
