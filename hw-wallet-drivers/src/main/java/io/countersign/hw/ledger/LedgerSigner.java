package io.countersign.hw.ledger;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Eip191;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Hex;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.TypedData;
import io.countersign.hw.DeviceException;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.transport.ApduTransport;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One Ledger account (the Ethereum app at a BIP-32 path) as a {@link Signer}. Each signing call
 * sends exactly the APDUs hw-app-eth sends; the address is not looked up before a signature, it is
 * recovered from it (and asked of the device only when {@link #address()} is called first).
 */
public final class LedgerSigner implements Signer {
    private final LedgerEthApp app;
    private final Bip32Path path;
    private final DevicePrompts prompts;
    private final List<String> notes = new ArrayList<>();
    private Address address;
    private boolean closed;

    public LedgerSigner(ApduTransport transport, Bip32Path path, DevicePrompts prompts) {
        this.app = new LedgerEthApp(transport);
        this.path = path;
        this.prompts = prompts == null ? DevicePrompts.SILENT : prompts;
    }

    /** The app client, for commands the {@link Signer} interface has no word for. */
    public LedgerEthApp app() {
        return app;
    }

    public Bip32Path path() {
        return path;
    }

    @Override
    public synchronized Address address() {
        if (address == null) {
            address = app.getAddress(path, false, false, null).address();
        }
        return address;
    }

    /**
     * Shows the address on the device for the user to compare, naming the network when
     * {@code chainId} is given.
     */
    public synchronized Address verifyAddress(BigInteger chainId) {
        prompts.confirmOnDevice("address at " + path + (chainId == null ? "" : " on chain " + chainId));
        address = app.getAddress(path, true, false, chainId).address();
        return address;
    }

    /**
     * GET APP CONFIGURATION (INS 0x06): flags bit 0 blind signing ("arbitrary data"), bit 1 ERC-20
     * provisioning necessary, bit 2 STARK enabled, bit 3 STARK v2 supported, then the Ethereum
     * app version.
     */
    @Override
    public synchronized java.util.Optional<io.countersign.eth.DeviceDescription> describeDevice() {
        var config = app.getAppConfiguration();
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("protocol", "apdu");
        d.put("app", "Ethereum");
        d.put("version", config.version());
        d.put("blindSigning", config.arbitraryDataEnabled());
        d.put("erc20ProvisioningNecessary", (config.flags() & 0x02) != 0);
        d.put("starkEnabled", (config.flags() & 0x04) != 0);
        d.put("starkV2Supported", (config.flags() & 0x08) != 0);
        return java.util.Optional.of(new io.countersign.eth.DeviceDescription("ledger", "Ledger Ethereum app " + config.version()
                + ", blind signing " + (config.arbitraryDataEnabled() ? "enabled" : "disabled (only clear-signed requests can be signed)"),
                d));
    }

    @Override
    public boolean canShowAddress() {
        return true;
    }

    /** {@link #verifyAddress}: the Ethereum app's address screen. */
    @Override
    public Address showAddress(BigInteger chainId) {
        return verifyAddress(chainId);
    }

    @Override
    public String label() {
        return "Ledger " + path + " via " + app.transport().describe();
    }

    @Override
    public synchronized SignedTransaction signTransaction(EthTransaction tx) {
        prompts.confirmOnDevice("sign transaction to " + (tx.to() == null ? "a new contract" : tx.to()) + ", value " + tx.value()
                + " wei, chain " + tx.chainId());
        LedgerTxSignature sig = app.signTransaction(path, tx.encodeForSigning());
        int yParity = yParity(tx, sig.v());
        SignedTransaction signed = tx.sign(yParity, sig.r(), sig.s());
        remember(new Signature(sig.r(), sig.s(), 27 + yParity), tx.signingHash());
        return signed;
    }

    /**
     * Signs an already encoded unsigned transaction (legacy RLP or type byte ‖ RLP, as ledgerjs takes
     * it); {@code v} follows hw-app-eth.
     */
    public synchronized LedgerTxSignature signRawTransaction(byte[] rawUnsignedTx) {
        prompts.confirmOnDevice("sign transaction " + Hex.encode(org.web3j.crypto.Hash.sha3(rawUnsignedTx)).substring(0, 18) + "…");
        return app.signTransaction(path, rawUnsignedTx);
    }

    /**
     * The y-parity (0 or 1) of a transaction signature from hw-app-eth's {@code v}: for EIP-1559 the
     * device's 0/1, for an EIP-155 legacy transaction {@code v − (chainId·2 + 35)}. Every legacy
     * transaction signed here carries its chain id (EthTransaction has no pre-EIP-155 form), so a
     * 27/28 answer is not accepted: it cannot be a signature of this transaction, and guessing its
     * parity would produce a transaction from an unrelated sender.
     *
     * @throws DeviceException.DeviceFailure for any other {@code v}, naming it and the two valid ones
     */
    static int yParity(EthTransaction tx, BigInteger v) {
        if (tx.type().typed()) {
            if (v.signum() >= 0 && v.compareTo(BigInteger.ONE) <= 0) {
                return v.intValue();
            }
            throw new DeviceException.DeviceFailure("the Ledger returned v=" + v + " for a typed (" + tx.type() + ") transaction, which"
                    + " needs 0 or 1; the signature was discarded and nothing was signed here");
        }
        if (tx.type() == EthTransaction.Type.LEGACY_UNPROTECTED) {
            if (v.equals(BigInteger.valueOf(27)) || v.equals(BigInteger.valueOf(28))) {
                return v.intValue() - 27;
            }
            throw new DeviceException.DeviceFailure("the Ledger returned v=" + v + " for a transaction without a chain id, which needs 27"
                    + " or 28; the signature was discarded");
        }
        BigInteger base = tx.chainId().shiftLeft(1).add(BigInteger.valueOf(35));
        BigInteger parity = v.subtract(base);
        if (parity.signum() >= 0 && parity.compareTo(BigInteger.ONE) <= 0) {
            return parity.intValue();
        }
        throw new DeviceException.DeviceFailure("the Ledger returned v=" + v + " (0x" + v.toString(16) + "), but EIP-155 allows only "
                + base + " or " + base.add(BigInteger.ONE) + " for chain " + tx.chainId()
                + ": the answer is not a signature of this transaction and was discarded; check the Ethereum app version");
    }

    @Override
    public synchronized Signature signPersonalMessage(byte[] message) {
        prompts.confirmOnDevice("sign message of " + message.length + " bytes");
        Signature sig = app.signPersonalMessage(path, message);
        remember(sig, Eip191.hashPersonalMessage(message));
        return sig;
    }

    @Override
    public synchronized Signature signTypedData(TypedData typedData) {
        lastHashOnly = false;
        LedgerEip712.Result result = LedgerEip712.sign(app, path, typedData, shows -> prompts.confirmOnDevice("sign " + shows),
                permitHashOnly);
        lastHashOnly = !result.clearSigned();
        if (!result.clearSigned()) {
            String note = "Ledger Ethereum app " + result.appVersion()
                    + " is too old for clear signing; signing the EIP-712 hashes instead (compare the domain and message hashes on the device)";
            notes.add(note);
            prompts.notice(note);
        }
        remember(result.signature(), typedData.digest());
        return result.signature();
    }

    private boolean permitHashOnly = true;
    private boolean lastHashOnly;

    @Override
    public synchronized void permitHashOnlyTypedData(boolean permitted) {
        this.permitHashOnly = permitted;
    }

    @Override
    public synchronized boolean lastTypedDataWasHashOnly() {
        return lastHashOnly;
    }

    /** Notices from the last signatures (e.g. the hashed EIP-712 fallback), oldest first. */
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    private void remember(Signature sig, byte[] digest) {
        try {
            address = sig.recover(digest);
        } catch (RuntimeException e) {
            // an unrecoverable signature is the session's to reject; the address stays unknown
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            app.transport().close();
        }
    }
}
