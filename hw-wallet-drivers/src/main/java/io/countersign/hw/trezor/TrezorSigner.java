package io.countersign.hw.trezor;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Eip191;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.TypedData;
import io.countersign.hw.DeviceException;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.eip712.TypedDataDocument;
import io.countersign.hw.trezor.proto.TrezorCommon;
import io.countersign.hw.trezor.proto.TrezorEip712;
import io.countersign.hw.trezor.proto.TrezorEthereum;
import java.math.BigInteger;
import java.util.List;

/**
 * One Trezor account as a {@link Signer}. Typed data is sent in full (the device shows every field)
 * except on the Trezor One, which only signs the two EIP-712 hashes.
 */
public final class TrezorSigner implements Signer {
    private final TrezorEthereumClient client;
    private final Bip32Path path;
    private final DevicePrompts prompts;
    private final TrezorCommon.Features features;
    private Address address;
    private boolean closed;

    /** Wraps an open session whose {@code features} came from Initialize. */
    public TrezorSigner(TrezorSession session, TrezorCommon.Features features, Bip32Path path, DevicePrompts prompts) {
        this.client = new TrezorEthereumClient(session);
        this.features = features;
        this.path = path;
        this.prompts = prompts == null ? DevicePrompts.SILENT : prompts;
    }

    public TrezorEthereumClient client() {
        return client;
    }

    /** The account's BIP-32 path. */
    public Bip32Path path() {
        return path;
    }

    public TrezorCommon.Features features() {
        return features;
    }

    /** True for the Trezor One (model "1"), which needs EthereumSignTypedHash. */
    public boolean isTrezorOne() {
        return "1".equals(features.getModel()) || "T1B1".equals(features.getInternalModel());
    }

    @Override
    public synchronized Address address() {
        if (address == null) {
            address = Address.parse(client.getAddress(path, false));
        }
        return address;
    }

    /** Shows the address on the Trezor for the user to compare. */
    public synchronized Address verifyAddress() {
        client.session().expectConfirmation("address at " + path);
        address = Address.parse(client.getAddress(path, true));
        return address;
    }

    /** The Features message the device sent when the session was initialised, and the wire protocol (v1 or THP). */
    @Override
    public java.util.Optional<io.countersign.eth.DeviceDescription> describeDevice() {
        var f = features;
        String version = f.getMajorVersion() + "." + f.getMinorVersion() + "." + f.getPatchVersion();
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("model", f.getModel());
        d.put("version", version);
        d.put("label", f.getLabel());
        d.put("pinProtection", f.getPinProtection());
        var protocol = io.countersign.hw.TrezorSigners.protocolOf(client.session().wire());
        d.put("protocol", protocol.id());
        return java.util.Optional.of(new io.countersign.eth.DeviceDescription("trezor", "Trezor " + f.getModel() + " firmware " + version
                + (f.getLabel().isEmpty() ? "" : " (" + f.getLabel() + ")") + ", protocol " + protocol.id()
                + (protocol == io.countersign.hw.DeviceInfo.Protocol.THP ? " (Trezor Host Protocol, paired with this computer)" : ""), d));
    }

    @Override
    public boolean canShowAddress() {
        return true;
    }

    /** {@link #verifyAddress}: the Trezor shows the address (it names no chain). */
    @Override
    public Address showAddress(java.math.BigInteger chainId) {
        return verifyAddress();
    }

    @Override
    public String label() {
        return "Trezor " + (features.hasLabel() ? "\"" + features.getLabel() + "\" " : "") + path + " via " + client.session().wire().describe();
    }

    @Override
    public synchronized SignedTransaction signTransaction(EthTransaction tx) {
        client.session().expectConfirmation("sign transaction to " + (tx.to() == null ? "a new contract" : tx.to()) + ", value " + tx.value()
                + " wei, chain " + tx.chainId());
        if (tx.type() == EthTransaction.Type.EIP2930 || tx.type() == EthTransaction.Type.LEGACY_UNPROTECTED || tx.hasAccessList()) {
            throw new DeviceException.DeviceFailure("Countersign signs only EIP-155 legacy and EIP-1559 transactions without an "
                    + "access list on a Trezor; this one is " + tx.type() + (tx.hasAccessList() ? " with an access list" : "")
                    + ": sign it on a Ledger, or re-create it as EIP-1559");
        }
        String to = tx.to() == null ? null : tx.to().toString();
        long chainId = tx.chainId().longValue();
        TrezorEthereumClient.TxSignature sig;
        int yParity;
        if (tx.type() == EthTransaction.Type.EIP1559) {
            sig = client.signTxEip1559(path, tx.nonce(), tx.gasLimit(), to, tx.value(), tx.data(), chainId, tx.maxFeePerGas(),
                    tx.maxPriorityFeePerGas(), List.of());
            yParity = sig.v().intValueExact();
        } else {
            sig = client.signTx(path, tx.nonce(), tx.gasPrice(), tx.gasLimit(), to, tx.value(), tx.data(), chainId, null);
            yParity = sig.v().subtract(tx.chainId().shiftLeft(1).add(BigInteger.valueOf(35))).intValueExact();
        }
        if (yParity != 0 && yParity != 1) {
            throw new DeviceException.DeviceFailure("the Trezor returned v=" + sig.v() + ", not valid for chain " + tx.chainId());
        }
        SignedTransaction signed = tx.sign(yParity, pad32(sig.r()), pad32(sig.s()));
        remember(new Signature(pad32(sig.r()), pad32(sig.s()), 27 + yParity), tx.signingHash());
        return signed;
    }

    @Override
    public synchronized Signature signPersonalMessage(byte[] message) {
        client.session().expectConfirmation("sign message of " + message.length + " bytes");
        var r = client.signMessage(path, message);
        address = Address.parse(r.getAddress());
        return Signature.fromBytes(r.getSignature().toByteArray());
    }

    @Override
    public synchronized Signature signTypedData(TypedData typedData) {
        TrezorEthereum.EthereumTypedDataSignature r;
        lastHashOnly = false;
        if (isTrezorOne() && !permitHashOnly) {
            throw new io.countersign.hw.DeviceException.BlindSigningNotPermitted("the Trezor One cannot show EIP-712 fields: it would "
                    + "sign only the domain hash " + io.countersign.eth.Hex.encode(typedData.domainHash()) + " and message hash "
                    + io.countersign.eth.Hex.encode(typedData.messageHash()) + " without showing the decoded fields; nothing was "
                    + "signed. Use a Trezor Model T / Safe 3 / Safe 5, or pass --allow-blind to sign the hashes after comparing "
                    + "them with `countersign safe hash`");
        }
        if (isTrezorOne()) {
            lastHashOnly = true;
            String note = "the Trezor One cannot show EIP-712 fields; it signs the domain and message hashes (compare them on the device)";
            prompts.notice(note);
            client.session().expectConfirmation("EIP-712 hashes " + io.countersign.eth.Hex.encode(typedData.domainHash()).substring(0, 10) + "…");
            boolean domainOnly = TypedDataDocument.DOMAIN.equals(typedData.primaryType());
            r = client.signTypedHash(path, typedData.domainHash(), domainOnly ? null : typedData.messageHash());
        } else {
            client.session().expectConfirmation("sign " + typedData.primaryType() + " field by field");
            r = client.signTypedData(path, TypedDataDocument.of(typedData), true);
        }
        address = Address.parse(r.getAddress());
        return Signature.fromBytes(r.getSignature().toByteArray());
    }

    private boolean permitHashOnly = true;
    private boolean lastHashOnly;

    /** Whether the device can show EIP-712 fields (false for the Trezor One, which signs only the hashes). */
    public boolean showsTypedDataFields() {
        return !isTrezorOne();
    }

    @Override
    public synchronized void permitHashOnlyTypedData(boolean permitted) {
        this.permitHashOnly = permitted;
    }

    @Override
    public synchronized boolean lastTypedDataWasHashOnly() {
        return lastHashOnly;
    }

    /** The digest a personal message signature covers, for callers that verify. */
    static byte[] personalDigest(byte[] message) {
        return Eip191.hashPersonalMessage(message);
    }

    private void remember(Signature sig, byte[] digest) {
        try {
            address = sig.recover(digest);
        } catch (RuntimeException e) {
            // the signing session rejects unrecoverable signatures
        }
    }

    static byte[] pad32(byte[] b) {
        if (b.length == 32) {
            return b;
        }
        byte[] out = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            client.session().close();
        }
    }
}
