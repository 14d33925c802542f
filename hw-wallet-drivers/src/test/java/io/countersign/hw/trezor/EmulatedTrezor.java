package io.countersign.hw.trezor;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Eip191;
import io.countersign.eth.Signature;
import io.countersign.eth.SoftwareSigner;
import io.countersign.hw.protocol.TrezorV1Codec;
import io.countersign.hw.transport.PacketIo;
import io.countersign.hw.trezor.proto.TrezorCommon;
import io.countersign.hw.trezor.proto.TrezorEip712;
import io.countersign.hw.trezor.proto.TrezorEthereum;
import java.io.IOException;
import java.math.BigInteger;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.MnemonicUtils;

/**
 * Test fixture: an emulated Trezor speaking protocol v1 (64-byte packets) over an in-memory
 * {@link PacketIo} or a loopback UDP port like the real emulator, holding a BIP-39 phrase and
 * signing with eth-core's {@link SoftwareSigner}. It runs its own thread and talks like the firmware:
 * ButtonRequest before a signature, optional PIN matrix and passphrase requests, EthereumTxRequest
 * for data beyond the first 1024 bytes, struct and value requests for EIP-712.
 */
public final class EmulatedTrezor implements AutoCloseable {
    private final String mnemonic;
    private final String model;
    private final BlockingQueue<byte[]> toDevice = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> toHost = new LinkedBlockingQueue<>();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Consumer<byte[]> out = toHost::add;
    private DatagramSocket udp;
    private volatile SocketAddress udpClient;
    private volatile String pin;
    private volatile boolean unlocked = true;
    private volatile boolean askPassphrase;
    private volatile boolean refuseNextButton;
    private volatile boolean dropAfterNextMessage;

    /** @param model Features.model: "T", "Safe 3", or "1" for a Trezor One */
    public EmulatedTrezor(String mnemonic, String model) {
        this.mnemonic = mnemonic;
        this.model = model;
        this.thread = Thread.ofPlatform().daemon().name("emulated-trezor").start(this::run);
    }

    /** Messages received from the host, decoded, in order. */
    public List<Message> received() {
        return List.copyOf(received);
    }

    /** The last received message of a type. */
    public <T extends Message> T last(Class<T> type) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (type.isInstance(received.get(i))) {
                return type.cast(received.get(i));
            }
        }
        throw new AssertionError("the emulator received no " + type.getSimpleName());
    }

    /** Locks the device behind a PIN entered through the matrix. */
    public void lockWithPin(String matrixPositions) {
        this.pin = matrixPositions;
        this.unlocked = false;
    }

    public void askPassphrase() {
        this.askPassphrase = true;
    }

    /** The next ButtonRequest is answered with Failure ActionCancelled, as when the user presses cancel. */
    public void refuseNextButton() {
        this.refuseNextButton = true;
    }

    /** After the next message the emulator goes silent and its in-memory link reports a disconnect. */
    public void unplugAfterNextMessage() {
        this.dropAfterNextMessage = true;
    }

    /** An in-memory link to this emulator for {@link io.countersign.hw.transport.ProtocolV1Wire}. */
    public PacketIo hostIo() {
        return new PacketIo() {
            public void write(byte[] packet) {
                toDevice.add(packet.clone());
            }

            public byte[] read() {
                try {
                    byte[] p = toHost.take();
                    if (p.length == 0) {
                        throw new io.countersign.hw.DeviceException.DeviceDisconnected("the emulated Trezor was unplugged in the middle of an exchange", null);
                    }
                    return p;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }

            public String describe() {
                return "emulated Trezor " + model;
            }

            public void close() {}
        };
    }

    /** Serves the emulator's UDP protocol on 127.0.0.1 and returns the {@code trezor-emu:} URI. */
    public synchronized String startUdp() {
        try {
            udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        out = p -> {
            try {
                udp.send(new DatagramPacket(p, p.length, udpClient));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        Thread.ofPlatform().daemon().name("emulated-trezor-udp").start(() -> {
            byte[] buf = new byte[64];
            while (!udp.isClosed()) {
                DatagramPacket dp = new DatagramPacket(buf, 64);
                try {
                    udp.receive(dp);
                } catch (IOException e) {
                    return;
                }
                udpClient = dp.getSocketAddress();
                toDevice.add(java.util.Arrays.copyOf(buf, 64));
            }
        });
        return "trezor-emu:127.0.0.1:" + udp.getLocalPort();
    }

    private void run() {
        try {
            while (true) {
                handle(receive());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private Message receive() throws InterruptedException {
        TrezorV1Codec.Decoder d = new TrezorV1Codec.Decoder();
        TrezorV1Codec.Message m;
        do {
            m = d.add(toDevice.take());
        } while (m == null);
        try {
            Message parsed = MessageType.byId(m.type()).parser().parseFrom(m.payload());
            received.add(parsed);
            if (dropAfterNextMessage) {
                dropAfterNextMessage = false;
                toHost.add(new byte[0]);
                return receive();
            }
            return parsed;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(Message m) {
        for (byte[] p : TrezorV1Codec.encode(MessageType.of(m).id(), m.toByteArray())) {
            out.accept(p);
        }
    }

    /** Sends {@code m} and returns the host's answer. */
    Message ask(Message m) throws InterruptedException {
        send(m);
        return receive();
    }

    private void handle(Message m) throws InterruptedException {
        switch (m) {
            case TrezorCommon.Initialize i -> send(features());
            case TrezorCommon.GetFeatures g -> send(features());
            case TrezorEthereum.EthereumGetAddress g -> {
                if (!gate(g.getShowDisplay())) {
                    return;
                }
                send(TrezorEthereum.EthereumAddress.newBuilder().setAddress(key(g.getAddressNList()).address().toString()).build());
            }
            case TrezorEthereum.EthereumGetPublicKey g -> send(publicKey(g.getAddressNList()));
            case TrezorEthereum.EthereumSignTx t -> EmulatedTrezorSigning.signTx(this, t);
            case TrezorEthereum.EthereumSignTxEIP1559 t -> EmulatedTrezorSigning.signTx1559(this, t);
            case TrezorEthereum.EthereumSignMessage s -> {
                if (!gate(true)) {
                    return;
                }
                SoftwareSigner k = key(s.getAddressNList());
                Signature sig = k.signDigest(Eip191.hashPersonalMessage(s.getMessage().toByteArray()));
                send(TrezorEthereum.EthereumMessageSignature.newBuilder().setSignature(ByteString.copyFrom(sig.toBytes()))
                        .setAddress(k.address().toString()).build());
            }
            case TrezorEip712.EthereumSignTypedData s -> EmulatedTrezorSigning.signTypedData(this, s);
            case TrezorEthereum.EthereumSignTypedHash h -> {
                if (!gate(true)) {
                    return;
                }
                byte[] pre = h.hasMessageHash() ? io.countersign.hw.ledger.EmulatedSpeculos.concat(new byte[] {0x19, 0x01},
                        h.getDomainSeparatorHash().toByteArray(), h.getMessageHash().toByteArray())
                        : io.countersign.hw.ledger.EmulatedSpeculos.concat(new byte[] {0x19, 0x01}, h.getDomainSeparatorHash().toByteArray());
                sendTypedSignature(h.getAddressNList(), Hash.sha3(pre));
            }
            default -> send(failure(TrezorCommon.Failure.FailureType.Failure_UnexpectedMessage, "unexpected message"));
        }
    }

    void sendTypedSignature(List<Integer> path, byte[] digest) {
        SoftwareSigner k = key(path);
        send(TrezorEthereum.EthereumTypedDataSignature.newBuilder().setSignature(ByteString.copyFrom(k.signDigest(digest).toBytes()))
                .setAddress(k.address().toString()).build());
    }

    void reply(Message m) {
        send(m);
    }

    /** PIN, passphrase and (when {@code confirm}) the button; false if the host failed one (a Failure was sent). */
    boolean gate(boolean confirm) throws InterruptedException {
        if (!unlocked) {
            Message a = ask(TrezorCommon.PinMatrixRequest.newBuilder().setType(1).build());
            if (a instanceof TrezorCommon.Cancel) {
                send(failure(TrezorCommon.Failure.FailureType.Failure_PinCancelled, "PIN entry cancelled"));
                return false;
            }
            if (!(a instanceof TrezorCommon.PinMatrixAck ack) || !ack.getPin().equals(pin)) {
                send(failure(TrezorCommon.Failure.FailureType.Failure_PinInvalid, "PIN invalid"));
                return false;
            }
            unlocked = true;
        }
        if (askPassphrase) {
            Message a = ask(TrezorCommon.PassphraseRequest.getDefaultInstance());
            if (!(a instanceof TrezorCommon.PassphraseAck)) {
                send(failure(TrezorCommon.Failure.FailureType.Failure_UnexpectedMessage, "expected PassphraseAck"));
                return false;
            }
            askPassphrase = false;
        }
        if (confirm) {
            Message a = ask(TrezorCommon.ButtonRequest.newBuilder().setCode(8).build());
            if (!(a instanceof TrezorCommon.ButtonAck)) {
                send(failure(TrezorCommon.Failure.FailureType.Failure_UnexpectedMessage, "expected ButtonAck"));
                return false;
            }
            if (refuseNextButton) {
                refuseNextButton = false;
                send(failure(TrezorCommon.Failure.FailureType.Failure_ActionCancelled, "Cancelled"));
                return false;
            }
        }
        return true;
    }

    static TrezorCommon.Failure failure(TrezorCommon.Failure.FailureType code, String text) {
        return TrezorCommon.Failure.newBuilder().setCode(code).setMessage(text).build();
    }

    private TrezorCommon.Features features() {
        return TrezorCommon.Features.newBuilder().setVendor("trezor.io").setMajorVersion("1".equals(model) ? 1 : 2).setMinorVersion(8)
                .setPatchVersion(0).setModel(model).setInitialized(true).setDeviceId("EMULATED").setPinProtection(pin != null)
                .setUnlocked(unlocked).build();
    }

    SoftwareSigner key(List<Integer> path) {
        return SoftwareSigner.fromMnemonic(mnemonic, "", new Bip32Path(path.stream().mapToInt(Integer::intValue).toArray()), "emulated trezor");
    }

    private TrezorEthereum.EthereumPublicKey publicKey(List<Integer> path) {
        int[] indices = path.stream().mapToInt(Integer::intValue).toArray();
        byte[] seed = MnemonicUtils.generateSeed(mnemonic, "");
        Bip32ECKeyPair node = Bip32ECKeyPair.deriveKeyPair(Bip32ECKeyPair.generateKeyPair(seed), indices);
        var hd = TrezorCommon.HDNodeType.newBuilder().setDepth(node.getDepth()).setFingerprint(node.getParentFingerprint())
                .setChildNum(node.getChildNumber()).setChainCode(ByteString.copyFrom(node.getChainCode()))
                .setPublicKey(ByteString.copyFrom(node.getPublicKeyPoint().getEncoded(true)));
        return TrezorEthereum.EthereumPublicKey.newBuilder().setNode(hd).setXpub("").build();
    }

    @Override
    public void close() {
        thread.interrupt();
        if (udp != null) {
            udp.close();
        }
    }

    static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}
