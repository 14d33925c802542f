package io.countersign.hw.ledger;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signature;
import io.countersign.hw.DeviceException;
import io.countersign.hw.protocol.Apdu;
import io.countersign.hw.protocol.ApduResponse;
import io.countersign.hw.transport.ApduTransport;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Ledger Ethereum app's commands, sending exactly the APDUs hw-app-eth sends for the same
 * request (ledger-live libs/ledgerjs/packages/hw-app-eth, Eth.ts). Thin: one method per command, no
 * extra look-ups.
 */
public final class LedgerEthApp {
    /** Bytes of a chunk after the first (hw-app-eth's 150). */
    static final int CHUNK_SIZE = 150;

    private final ApduTransport transport;

    public LedgerEthApp(ApduTransport transport) {
        this.transport = transport;
    }

    public ApduTransport transport() {
        return transport;
    }

    /**
     * App configuration (INS 0x06).
     *
     * @param flags bit 0 arbitrary data (blind signing) enabled, bit 1 ERC-20 provisioning necessary,
     *     bit 2 STARK enabled, bit 3 STARK v2 supported
     * @param version app version "major.minor.patch"
     */
    public record AppConfiguration(int flags, String version) {
        public boolean arbitraryDataEnabled() {
            return (flags & 0x01) != 0;
        }
    }

    /** Name and version of the open app (OS command 0xB0 0x01). */
    public record AppAndVersion(String name, String version) {}

    /**
     * An account's public key and address (INS 0x02).
     *
     * @param publicKey 65-byte uncompressed secp256k1 key (0x04 ‖ x ‖ y)
     * @param addressText "0x" plus the 40 characters the app returned (EIP-55 cased)
     * @param chainCode 32 bytes when asked for, else {@code null}
     */
    public record PublicAddress(byte[] publicKey, String addressText, byte[] chainCode) {
        public Address address() {
            return Address.parse(addressText);
        }
    }

    public AppConfiguration getAppConfiguration() {
        byte[] r = send(EthIns.GET_APP_CONFIGURATION, 0x00, 0x00, new byte[0], "read the app configuration");
        if (r.length < 4) {
            throw new DeviceException.DeviceFailure("app configuration answer too short: " + r.length + " bytes");
        }
        return new AppConfiguration(r[0] & 0xff, (r[1] & 0xff) + "." + (r[2] & 0xff) + "." + (r[3] & 0xff));
    }

    /**
     * The open app's name and version: {@code 0x01 ‖ len ‖ name ‖ len ‖ version ‖ len ‖ flags}.
     */
    public AppAndVersion getAppAndVersion() {
        byte[] r = send(EthIns.GET_APP_AND_VERSION, 0x00, 0x00, new byte[0], "read the open app");
        try {
            int nameLen = r[1] & 0xff;
            String name = new String(r, 2, nameLen, StandardCharsets.US_ASCII);
            int versionLen = r[2 + nameLen] & 0xff;
            String version = new String(r, 3 + nameLen, versionLen, StandardCharsets.US_ASCII);
            return new AppAndVersion(name, version);
        } catch (IndexOutOfBoundsException e) {
            throw new DeviceException.DeviceFailure("malformed app-and-version answer", e);
        }
    }

    /**
     * Public key and address of {@code path}.
     *
     * @param display show the address on the device for the user to compare (P1 0x01)
     * @param chainCode also return the BIP-32 chain code (P2 0x01)
     * @param chainId with display, the network to name on screen (appended as uint64), or {@code null}
     */
    public PublicAddress getAddress(Bip32Path path, boolean display, boolean chainCode, BigInteger chainId) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(encodePath(path));
        if (chainId != null) {
            data.writeBytes(ByteBuffer.allocate(8).putLong(chainId.longValueExact()).array());
        }
        byte[] r = send(EthIns.GET_PUBLIC_ADDRESS, display ? 0x01 : 0x00, chainCode ? 0x01 : 0x00, data.toByteArray(),
                display ? "show the address" : "read the address");
        try {
            int keyLen = r[0] & 0xff;
            byte[] key = Arrays.copyOfRange(r, 1, 1 + keyLen);
            int addrLen = r[1 + keyLen] & 0xff;
            String addr = "0x" + new String(r, 2 + keyLen, addrLen, StandardCharsets.US_ASCII);
            byte[] cc = chainCode ? Arrays.copyOfRange(r, 2 + keyLen + addrLen, 2 + keyLen + addrLen + 32) : null;
            return new PublicAddress(key, addr, cc);
        } catch (IndexOutOfBoundsException e) {
            throw new DeviceException.DeviceFailure("malformed address answer", e);
        }
    }

    /**
     * Signs a raw unsigned transaction (legacy RLP, or type byte ‖ RLP for EIP-2930/EIP-1559) in
     * hw-app-eth's chunks: the first carries the path and {@code 150 − 1 − 4·depth} bytes, the rest
     * 150 bytes each with P1 0x80; a legacy EIP-155 transaction's {@code chainId, 0, 0} tail is never
     * split from the last chunk. {@code v} is rebuilt from the device's one-byte answer as hw-app-eth
     * does for chain ids above 109.
     */
    public LedgerTxSignature signTransaction(Bip32Path path, byte[] rawTx) {
        TxInfo info = TxInfo.decode(rawTx);
        byte[] p = encodePath(path);
        byte[] response = null;
        int offset = 0;
        while (offset != rawTx.length) {
            boolean first = offset == 0;
            int max = first ? CHUNK_SIZE - p.length : CHUNK_SIZE;
            int chunk = offset + max > rawTx.length ? rawTx.length - offset : max;
            if (info.vrsOffset() != 0 && offset + chunk >= info.vrsOffset()) {
                chunk = rawTx.length - offset;
            }
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            if (first) {
                data.writeBytes(p);
            }
            data.write(rawTx, offset, chunk);
            response = send(EthIns.SIGN_TRANSACTION, first ? EthIns.P1_FIRST : EthIns.P1_MORE, 0x00, data.toByteArray(), "sign the transaction");
            offset += chunk;
        }
        if (response == null || response.length < 65) {
            throw new DeviceException.DeviceFailure("the Ledger returned no signature");
        }
        return new LedgerTxSignature(v(info, response[0] & 0xff), Arrays.copyOfRange(response, 1, 33), Arrays.copyOfRange(response, 33, 65));
    }

    /** hw-app-eth's reconstruction of {@code v} from the device's single byte. */
    static BigInteger v(TxInfo info, int responseByte) {
        BigInteger base = info.chainId().shiftLeft(1).add(BigInteger.valueOf(35));
        if (base.add(BigInteger.ONE).compareTo(BigInteger.valueOf(255)) > 0) {
            long oneByteChainId = (info.chainIdTruncated() * 2 + 35) % 256;
            long eccParity = Math.abs(responseByte - oneByteChainId);
            if (info.txType() != null) {
                return eccParity % 2 == 1 ? BigInteger.ZERO : BigInteger.ONE;
            }
            return base.add(BigInteger.valueOf(eccParity));
        }
        return BigInteger.valueOf(responseByte);
    }

    /**
     * Signs an EIP-191 personal message (INS 0x08): first chunk path ‖ uint32 length ‖ data, then
     * 150-byte chunks with P1 0x80. {@code v} is 27 or 28.
     */
    public Signature signPersonalMessage(Bip32Path path, byte[] message) {
        byte[] p = encodePath(path);
        byte[] response = null;
        int offset = 0;
        do {
            boolean first = offset == 0;
            int max = first ? CHUNK_SIZE - p.length - 4 : CHUNK_SIZE;
            int chunk = Math.min(max, message.length - offset);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            if (first) {
                data.writeBytes(p);
                data.writeBytes(ByteBuffer.allocate(4).putInt(message.length).array());
            }
            data.write(message, offset, chunk);
            response = send(EthIns.SIGN_PERSONAL_MESSAGE, first ? EthIns.P1_FIRST : EthIns.P1_MORE, 0x00, data.toByteArray(), "sign the message");
            offset += chunk;
        } while (offset != message.length);
        return signature(response);
    }

    /**
     * Signs EIP-712 from its two hashes (INS 0x0C, P2 0x00): path ‖ domainSeparator(32) ‖
     * hashStruct(message)(32). The device shows only the hashes.
     */
    public Signature signEip712Hashed(Bip32Path path, byte[] domainHash, byte[] messageHash) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(encodePath(path));
        data.writeBytes(domainHash);
        data.writeBytes(messageHash);
        return signature(send(EthIns.SIGN_EIP712, 0x00, 0x00, data.toByteArray(), "sign the EIP-712 hashes"));
    }

    /** Passes a Ledger-signed ERC-20 token descriptor to the app (INS 0x0A) so it can show amounts. */
    public void provideErc20TokenInformation(byte[] signedDescriptor) {
        send(EthIns.PROVIDE_ERC20_TOKEN_INFORMATION, 0x00, 0x00, signedDescriptor, "accept the token information");
    }

    /** Passes a Ledger-signed plugin descriptor (INS 0x16). */
    public void setPlugin(byte[] signedDescriptor) {
        send(EthIns.SET_PLUGIN, 0x00, 0x00, signedDescriptor, "load the plugin");
    }

    /** Passes a Ledger-signed external-plugin descriptor, payload ‖ signature (INS 0x12). */
    public void setExternalPlugin(byte[] payloadAndSignature) {
        send(EthIns.SET_EXTERNAL_PLUGIN, 0x00, 0x00, payloadAndSignature, "load the external plugin");
    }

    /** Passes a Ledger-signed NFT collection descriptor (INS 0x14). */
    public void provideNftInformation(byte[] signedDescriptor) {
        send(EthIns.PROVIDE_NFT_INFORMATION, 0x00, 0x00, signedDescriptor, "accept the NFT information");
    }

    /** Sends one APDU and returns the response data; any status word but 0x9000 becomes a typed error. */
    byte[] send(EthIns ins, int p1, int p2, byte[] data, String what) {
        ApduResponse r = sendRaw(ins, p1, p2, data);
        StatusWord.check(r.statusWord(), what);
        return r.data();
    }

    /** Sends one APDU and returns data and status word unchecked. */
    ApduResponse sendRaw(EthIns ins, int p1, int p2, byte[] data) {
        byte[] raw = transport.exchange(new Apdu(ins.cla(), ins.ins(), p1, p2, data).encode());
        try {
            return ApduResponse.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new DeviceException.DeviceFailure("malformed answer from the Ledger: " + e.getMessage(), e);
        }
    }

    static Signature signature(byte[] response) {
        if (response == null || response.length < 65) {
            throw new DeviceException.DeviceFailure("the Ledger returned no signature");
        }
        return new Signature(Arrays.copyOfRange(response, 1, 33), Arrays.copyOfRange(response, 33, 65), response[0] & 0xff);
    }

    /** {@code depth(1) ‖ index(4, big-endian)…}, hardened indices with bit 31 set. */
    static byte[] encodePath(Bip32Path path) {
        int[] indices = path.indices();
        ByteBuffer b = ByteBuffer.allocate(1 + 4 * indices.length);
        b.put((byte) indices.length);
        for (int i : indices) {
            b.putInt(i);
        }
        return b.array();
    }
}
