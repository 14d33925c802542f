package io.countersign.hw.ledger;

import io.countersign.eth.Bip32Path;
import io.countersign.eth.Eip191;
import io.countersign.eth.Hex;
import io.countersign.eth.Signature;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.TypedData;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;

/**
 * Test fixture: an emulated Ledger Ethereum app behind the Speculos APDU socket protocol on
 * 127.0.0.1 (4-byte length ‖ APDU in; 4-byte data length ‖ data ‖ status word out), holding one
 * software key. It answers GET APP AND VERSION, app configuration, get address, sign transaction
 * (legacy and EIP-1559, chunked), personal message, EIP-712 hashed and EIP-712 full (it rebuilds the
 * typed data from the struct definitions and values it receives and signs its digest). Used through
 * the real {@code speculos:} transport, here and by the app's end-to-end tests.
 */
public final class EmulatedSpeculos implements AutoCloseable {
    private final SoftwareSigner key;
    private final ServerSocket server;
    private final Thread thread;
    private final List<String> apdus = new CopyOnWriteArrayList<>();
    private volatile int nextStatusWord;
    private volatile boolean dropNextExchange;
    private volatile boolean eip712FullSupported = true;
    private volatile String appVersion = "1.13.0";
    private final ByteArrayOutputStream txBuffer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream msgBuffer = new ByteArrayOutputStream();
    private int msgLength;
    private final Eip712Rebuilder eip712 = new Eip712Rebuilder();

    private EmulatedSpeculos(SoftwareSigner key) throws IOException {
        this.key = key;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.thread = Thread.ofPlatform().daemon().name("emulated-speculos").start(this::serve);
    }

    /** Starts an emulator for the account at {@code path} of a BIP-39 phrase. */
    public static EmulatedSpeculos start(String mnemonic, Bip32Path path) {
        try {
            return new EmulatedSpeculos(SoftwareSigner.fromMnemonic(mnemonic, "", path, "emulated ledger"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signer URI of this emulator, {@code speculos:127.0.0.1:PORT}. */
    public String uri() {
        return "speculos:127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    public io.countersign.eth.Address address() {
        return key.address();
    }

    /** Hex of every APDU received, in order. */
    public List<String> apdus() {
        return List.copyOf(apdus);
    }

    /** The next APDU is answered with only this status word (e.g. 0x6985 "rejected on device"). */
    public void answerNextWith(int statusWord) {
        this.nextStatusWord = statusWord;
    }

    /** The next APDU is read and the connection closed without an answer (device unplugged). */
    public void dropNextExchange() {
        this.dropNextExchange = true;
    }

    /** Pretend to be an app without EIP-712 full support (answers 0x6d00 to INS 0x1A). */
    public void withoutEip712Full(String version) {
        this.eip712FullSupported = false;
        this.appVersion = version;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                while (true) {
                    int n = in.readInt();
                    byte[] apdu = new byte[n];
                    in.readFully(apdu);
                    apdus.add(Hex.encodeBare(apdu));
                    if (dropNextExchange) {
                        dropNextExchange = false;
                        break;
                    }
                    byte[] response = answer(apdu);
                    out.writeInt(response.length - 2);
                    out.write(response);
                    out.flush();
                }
            } catch (IOException e) {
                // client went away or server closed: wait for the next connection
            }
        }
    }

    private byte[] answer(byte[] apdu) {
        if (nextStatusWord != 0) {
            int sw = nextStatusWord;
            nextStatusWord = 0;
            return sw(new byte[0], sw);
        }
        int cla = apdu[0] & 0xff;
        int ins = apdu[1] & 0xff;
        int p1 = apdu[2] & 0xff;
        int p2 = apdu[3] & 0xff;
        byte[] data = Arrays.copyOfRange(apdu, 5, apdu.length);
        if (cla == 0xB0 && ins == 0x01) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(1);
            writeShortString(b, "Ethereum");
            writeShortString(b, appVersion);
            b.write(1);
            b.write(0);
            return sw(b.toByteArray(), 0x9000);
        }
        if (cla != 0xE0) {
            return sw(new byte[0], 0x6E00);
        }
        return switch (ins) {
            case 0x06 -> sw(new byte[] {1, 1, 13, 0}, 0x9000);
            case 0x02 -> getAddress(p2 == 1);
            case 0x04 -> signTx(p1, data);
            case 0x08 -> signMessage(p1, data);
            case 0x0C -> p2 == 0 ? rsv(key.signDigest(TypedData.digest(Arrays.copyOfRange(data, data.length - 64, data.length - 32),
                    Arrays.copyOfRange(data, data.length - 32, data.length)))) : rsv(key.signDigest(eip712.digest()));
            case 0x1A -> eip712FullSupported ? eip712.definition(p2, data) : sw(new byte[0], 0x6D00);
            case 0x1C -> eip712.implementation(p1, p2, data);
            default -> sw(new byte[0], 0x6D00);
        };
    }

    private byte[] getAddress(boolean chainCode) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] pub = new byte[65];
        pub[0] = 4;
        b.write(65);
        b.writeBytes(pub);
        String addr = key.address().toString().substring(2);
        b.write(addr.length());
        b.writeBytes(addr.getBytes(StandardCharsets.US_ASCII));
        if (chainCode) {
            b.writeBytes(new byte[32]);
        }
        return sw(b.toByteArray(), 0x9000);
    }

    private static int pathLength(byte[] data) {
        return 1 + 4 * (data[0] & 0xff);
    }

    private byte[] signTx(int p1, byte[] data) {
        if (p1 == 0x00) {
            txBuffer.reset();
            txBuffer.write(data, pathLength(data), data.length - pathLength(data));
        } else {
            txBuffer.writeBytes(data);
        }
        byte[] raw = txBuffer.toByteArray();
        int offset = raw[0] == 1 || raw[0] == 2 ? 1 : 0;
        if (raw.length < offset + rlpTotalLength(raw, offset)) {
            return sw(new byte[0], 0x9000);
        }
        Signature sig = key.signDigest(Hash.sha3(raw));
        int parity = sig.v() - 27;
        int v;
        if (offset == 1) {
            v = parity;
        } else {
            var items = ((RlpList) RlpDecoder.decode(raw).getValues().get(0)).getValues();
            BigInteger chainId = items.size() > 6 ? new BigInteger(1, ((RlpString) items.get(6)).getBytes()) : null;
            v = chainId == null ? 27 + parity : chainId.shiftLeft(1).add(BigInteger.valueOf(35 + parity)).intValue() & 0xff;
        }
        return sw(concat(new byte[] {(byte) v}, sig.r(), sig.s()), 0x9000);
    }

    /** Total bytes of the RLP list starting at {@code offset} (header included). */
    private static int rlpTotalLength(byte[] raw, int offset) {
        int h = raw[offset] & 0xff;
        if (h <= 0xf7) {
            return 1 + h - 0xc0;
        }
        int n = h - 0xf7;
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (raw[offset + 1 + i] & 0xff);
        }
        return 1 + n + len;
    }

    private byte[] signMessage(int p1, byte[] data) {
        if (p1 == 0x00) {
            msgBuffer.reset();
            int p = pathLength(data);
            msgLength = ByteBuffer.wrap(data, p, 4).getInt();
            msgBuffer.write(data, p + 4, data.length - p - 4);
        } else {
            msgBuffer.writeBytes(data);
        }
        if (msgBuffer.size() < msgLength) {
            return sw(new byte[0], 0x9000);
        }
        return rsv(key.signDigest(Eip191.hashPersonalMessage(msgBuffer.toByteArray())));
    }

    private static byte[] rsv(Signature sig) {
        return sw(concat(new byte[] {(byte) sig.v()}, sig.r(), sig.s()), 0x9000);
    }

    static byte[] sw(byte[] data, int sw) {
        return concat(data, new byte[] {(byte) (sw >> 8), (byte) sw});
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static void writeShortString(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        b.write(bytes.length);
        b.writeBytes(bytes);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        key.close();
    }

    /** Unused-argument guard for tests that list received APDUs by instruction. */
    public List<String> apdusWithIns(int ins) {
        List<String> out = new ArrayList<>();
        for (String a : apdus) {
            if (Integer.parseInt(a.substring(2, 4), 16) == ins) {
                out.add(a);
            }
        }
        return out;
    }
}
