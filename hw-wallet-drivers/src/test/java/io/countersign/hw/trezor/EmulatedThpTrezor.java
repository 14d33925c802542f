package io.countersign.hw.trezor;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.countersign.hw.protocol.TrezorV1Codec;
import io.countersign.hw.protocol.thp.Cpace;
import io.countersign.hw.protocol.thp.ThpCipherState;
import io.countersign.hw.protocol.thp.ThpCodeEntry;
import io.countersign.hw.protocol.thp.ThpControlByte;
import io.countersign.hw.protocol.thp.ThpCrypto;
import io.countersign.hw.protocol.thp.ThpCryptoException;
import io.countersign.hw.protocol.thp.ThpErrorCode;
import io.countersign.hw.protocol.thp.ThpFramingException;
import io.countersign.hw.protocol.thp.ThpHandshake;
import io.countersign.hw.protocol.thp.ThpHeader;
import io.countersign.hw.protocol.thp.ThpMessage;
import io.countersign.hw.protocol.thp.ThpPackets;
import io.countersign.hw.transport.ProtocolV1Wire;
import io.countersign.hw.trezor.proto.TrezorCommon;
import io.countersign.hw.trezor.proto.TrezorThp;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test fixture: a software Trezor Safe 7 that speaks the Trezor Host Protocol on a loopback UDP
 * port, like the Trezor emulator, written from trezor-firmware docs/common/thp/specification.md
 * (Trezor's state machines TH1, TH2, TP0..TP3a, TC1) and sessions.md. It is not Trezor's firmware.
 * Allocation, handshake (masked static key), code-entry pairing with CPace (the code it "shows" is
 * {@link #shownCode()}), credential issue and validation (HMAC-SHA-256 over
 * ThpAuthenticatedCredentialData), the alternating-bit protocol with retransmission; application
 * messages of session 1 are handed to an {@link EmulatedTrezor} holding the same mnemonic.
 *
 * <p>Faults for tests: {@link #dropNextPacketFromHost()}, {@link #tamperNextEncryptedToHost()}.
 */
public final class EmulatedThpTrezor implements AutoCloseable {
    private static final int CHANNEL = 0x1234;
    private final EmulatedTrezor app;
    private final ProtocolV1Wire appWire;
    private final DatagramSocket udp;
    private final SecureRandom random = new SecureRandom();
    private final byte[] staticPrivate = new byte[32];
    private final byte[] credAuthKey = new byte[16];
    private final byte[] properties;
    private final Thread thread;
    private volatile SocketAddress host;
    private final ThpPackets.Reassembler reassembler = new ThpPackets.Reassembler(ThpHeader.Role.DEVICE);
    private boolean receiveSeq;
    private boolean sendSeq;
    private volatile boolean dropNextFromHost;
    private volatile boolean tamperNextToHost;
    private volatile String shownCode;
    private volatile int droppedFromHost;
    private volatile boolean locked;

    // per-channel state
    private byte[] h;
    private byte[] ck;
    private byte[] k;
    private byte[] ephemeralPrivate;
    private byte[] hostStatic;
    private ThpCipherState requests;
    private ThpCipherState responses;
    private byte[] handshakeHash;
    private byte[] codeSecret;
    private byte[] cpacePrivate;
    private boolean pairedThisChannel;

    /**
     * @param mnemonic the seed of the application (the same as {@link EmulatedTrezor})
     * @param protocolMinor THP 2.x minor version to advertise (1 offers ACK piggybacking)
     */
    public EmulatedThpTrezor(String mnemonic, int protocolMinor) {
        this(mnemonic, 2, protocolMinor);
    }

    /**
     * A device advertising THP {@code protocolMajor.protocolMinor} (a major other than 2 stands
     * for firmware older or newer than the host speaks).
     */
    public EmulatedThpTrezor(String mnemonic, int protocolMajor, int protocolMinor) {
        this.app = new EmulatedTrezor(mnemonic, "Safe 7");
        this.appWire = new ProtocolV1Wire(app.hostIo());
        random.nextBytes(staticPrivate);
        random.nextBytes(credAuthKey);
        this.properties = TrezorThp.ThpDeviceProperties.newBuilder().setInternalModel("T3W1").setProtocolVersionMajor(protocolMajor)
                .setProtocolVersionMinor(protocolMinor).addPairingMethods(TrezorThp.ThpPairingMethod.CodeEntry).build().toByteArray();
        try {
            udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        thread = Thread.ofPlatform().daemon().name("emulated-thp-trezor").start(this::run);
    }

    /** The {@code trezor-emu:} URI of this device's UDP port. */
    public String uri() {
        return "trezor-emu:127.0.0.1:" + udp.getLocalPort();
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** The code on the "screen" during code-entry pairing, or null. */
    public String shownCode() {
        return shownCode;
    }

    /** The application device behind the THP layer (its received messages, faults). */
    public EmulatedTrezor app() {
        return app;
    }

    /** Loses the next packet the host sends (before the device sees it). */
    public void dropNextPacketFromHost() {
        dropNextFromHost = true;
    }

    public int droppedFromHost() {
        return droppedFromHost;
    }

    /**
     * Locks or unlocks the device. A locked device refuses the handshake with the transport error
     * DEVICE_LOCKED, as a Trezor does when nobody unlocks it (specification.md, TH1).
     */
    public void locked(boolean locked) {
        this.locked = locked;
    }

    /** Flips one ciphertext bit of the next encrypted message to the host (the CRC is recomputed, so only AES-GCM can notice). */
    public void tamperNextEncryptedToHost() {
        tamperNextToHost = true;
    }

    private void run() {
        try {
            while (!udp.isClosed()) {
                ThpMessage m = next(0);
                if (m != null) {
                    handle(m);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!udp.isClosed()) {
                e.printStackTrace();
            }
        }
    }

    /** The next message from the host (null on timeout when {@code timeoutMillis} > 0). */
    private ThpMessage next(int timeoutMillis) throws IOException {
        while (true) {
            byte[] buf = new byte[64];
            DatagramPacket dp = new DatagramPacket(buf, 64);
            udp.setSoTimeout(timeoutMillis);
            try {
                udp.receive(dp);
            } catch (SocketTimeoutException e) {
                return null;
            }
            host = dp.getSocketAddress();
            if (dropNextFromHost) {
                dropNextFromHost = false;
                droppedFromHost++;
                continue;
            }
            try {
                ThpMessage m = reassembler.add(Arrays.copyOf(buf, 64));
                if (m != null) {
                    return m;
                }
            } catch (ThpFramingException e) {
                // damaged: dropped, the host resends
            }
        }
    }

    private void write(ThpMessage m) throws IOException {
        for (byte[] p : ThpPackets.encode(m)) {
            udp.send(new DatagramPacket(p, p.length, host));
        }
    }

    private void handle(ThpMessage m) throws IOException {
        int cb = m.controlByte();
        if (cb == ThpControlByte.CHANNEL_ALLOCATION_REQUEST && m.channelId() == ThpMessage.BROADCAST_CHANNEL) {
            resetChannel();
            byte[] out = new byte[10 + properties.length];
            System.arraycopy(m.payload(), 0, out, 0, 8);
            out[8] = (byte) (CHANNEL >>> 8);
            out[9] = (byte) CHANNEL;
            System.arraycopy(properties, 0, out, 10, properties.length);
            write(new ThpMessage(ThpControlByte.CHANNEL_ALLOCATION_RESPONSE, ThpMessage.BROADCAST_CHANNEL, out));
            return;
        }
        if (m.channelId() != CHANNEL) {
            write(new ThpMessage(ThpControlByte.TRANSPORT_ERROR, m.channelId(), new byte[] {(byte) ThpErrorCode.UNALLOCATED_CHANNEL.code()}));
            return;
        }
        if (!m.isData()) {
            return; // stray ACK
        }
        write(new ThpMessage(ThpControlByte.ackFor(m.seqBit()), CHANNEL, new byte[0]));
        if (m.seqBit() != receiveSeq) {
            return; // duplicate
        }
        receiveSeq = !receiveSeq;
        try {
            switch (ThpControlByte.dataKind(cb)) {
                case ThpControlByte.HANDSHAKE_INIT_REQUEST -> {
                    if (locked) {
                        error(ThpErrorCode.DEVICE_LOCKED);
                        resetChannel();
                    } else {
                        initiation(m.payload());
                    }
                }
                case ThpControlByte.HANDSHAKE_COMPLETION_REQUEST -> completion(m.payload());
                case ThpControlByte.ENCRYPTED_TRANSPORT -> encrypted(m.payload());
                default -> error(ThpErrorCode.UNALLOCATED_CHANNEL);
            }
        } catch (ThpCryptoException e) {
            error(ThpErrorCode.DECRYPTION_FAILED);
            resetChannel();
        }
    }

    private void resetChannel() {
        receiveSeq = false;
        sendSeq = false;
        requests = null;
        responses = null;
        pairedThisChannel = false;
        shownCode = null;
    }

    private void error(ThpErrorCode code) throws IOException {
        write(new ThpMessage(ThpControlByte.TRANSPORT_ERROR, CHANNEL, new byte[] {(byte) code.code()}));
    }

    /** Sends a data message and waits for its ACK, resending on timeout. */
    private void send(int kind, byte[] payload) throws IOException {
        ThpMessage m = new ThpMessage(ThpControlByte.withSyncBits(kind, sendSeq, !receiveSeq), CHANNEL, payload);
        boolean seq = sendSeq;
        sendSeq = !sendSeq;
        write(m);
        for (int i = 0; i < 50; i++) {
            ThpMessage in = next(200);
            if (in == null) {
                write(m);
                continue;
            }
            if (in.isAck() && in.ackBit() == seq) {
                return;
            }
            if (in.isData() && in.seqBit() != receiveSeq) {
                write(new ThpMessage(ThpControlByte.ackFor(in.seqBit()), CHANNEL, new byte[0]));
            }
        }
    }

    // TH1
    private void initiation(byte[] p) throws IOException, ThpCryptoException {
        if (p.length != 33) {
            throw new ThpCryptoException("HandshakeInitiationRequest length");
        }
        byte[] hostEphemeral = Arrays.copyOf(p, 32);
        ephemeralPrivate = new byte[32];
        random.nextBytes(ephemeralPrivate);
        byte[] ephemeralPublic = ThpCrypto.publicKey(ephemeralPrivate);
        byte[] staticPublic = ThpCrypto.publicKey(staticPrivate);
        h = ThpCrypto.sha256(ThpCrypto.PROTOCOL_NAME, properties);
        h = ThpCrypto.sha256(h, hostEphemeral);
        h = ThpCrypto.sha256(h, new byte[] {p[32]});
        h = ThpCrypto.sha256(h, ephemeralPublic);
        mix(ThpCrypto.PROTOCOL_NAME, ThpCrypto.x25519(ephemeralPrivate, hostEphemeral));
        byte[] mask = ThpCrypto.sha256(staticPublic, ephemeralPublic);
        byte[] masked = ThpCrypto.x25519(mask, staticPublic);
        byte[] encStatic = ThpCrypto.encrypt(k, 0, h, masked);
        h = ThpCrypto.sha256(h, encStatic);
        mix(ck, ThpCrypto.x25519(mask, ThpCrypto.x25519(staticPrivate, hostEphemeral)));
        byte[] tag = ThpCrypto.encrypt(k, 0, h, new byte[0]);
        h = ThpCrypto.sha256(h, tag);
        byte[] out = new byte[96];
        System.arraycopy(ephemeralPublic, 0, out, 0, 32);
        System.arraycopy(encStatic, 0, out, 32, 48);
        System.arraycopy(tag, 0, out, 80, 16);
        send(ThpControlByte.HANDSHAKE_INIT_RESPONSE, out);
    }

    private void mix(byte[] chainingKey, byte[] dh) {
        byte[][] o = ThpCrypto.hkdf(chainingKey, dh);
        ck = o[0];
        k = o[1];
    }

    // TH2
    private void completion(byte[] p) throws IOException, ThpCryptoException {
        byte[] encHostStatic = Arrays.copyOf(p, 48);
        byte[] encPayload = Arrays.copyOfRange(p, 48, p.length);
        hostStatic = ThpCrypto.decrypt(k, 1, h, encHostStatic);
        h = ThpCrypto.sha256(h, encHostStatic);
        mix(ck, ThpCrypto.x25519(ephemeralPrivate, hostStatic));
        byte[] payload = ThpCrypto.decrypt(k, 0, h, encPayload);
        h = ThpCrypto.sha256(h, encPayload);
        handshakeHash = h;
        int state = ThpHandshake.STATE_UNPAIRED;
        try {
            var noise = TrezorThp.ThpHandshakeCompletionReqNoisePayload.parseFrom(payload);
            if (noise.hasHostPairingCredential() && validCredential(noise.getHostPairingCredential().toByteArray(), hostStatic)) {
                state = ThpHandshake.STATE_PAIRED;
            }
        } catch (InvalidProtocolBufferException e) {
            throw new ThpCryptoException("payload");
        }
        pairedThisChannel = state != ThpHandshake.STATE_UNPAIRED;
        byte[][] keys = ThpCrypto.hkdf(ck, new byte[0]);
        byte[] encState = ThpCrypto.encrypt(keys[1], 0, new byte[0], new byte[] {(byte) state});
        requests = new ThpCipherState(keys[0], 0);
        responses = new ThpCipherState(keys[1], 1);
        send(ThpControlByte.HANDSHAKE_COMPLETION_RESPONSE, encState);
    }

    private TrezorThp.ThpCredentialMetadata metadata() {
        return TrezorThp.ThpCredentialMetadata.newBuilder().setHostName("host").setAppName(ThpWire.APP_NAME).build();
    }

    private byte[] mac(byte[] hostStaticPublic, TrezorThp.ThpCredentialMetadata meta) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credAuthKey, "HmacSHA256"));
            return mac.doFinal(TrezorThp.ThpAuthenticatedCredentialData.newBuilder().setHostStaticPublicKey(ByteString.copyFrom(hostStaticPublic))
                    .setCredMetadata(meta).build().toByteArray());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean validCredential(byte[] credential, byte[] hostStaticPublic) {
        try {
            var c = TrezorThp.ThpPairingCredential.parseFrom(credential);
            return MessageDigest.isEqual(mac(hostStaticPublic, c.getCredMetadata()), c.getMac().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private void encrypted(byte[] p) throws IOException, ThpCryptoException {
        byte[] plain = requests.decrypt(p);
        int session = plain[0] & 0xFF;
        int type = ((plain[1] & 0xFF) << 8) | (plain[2] & 0xFF);
        byte[] body = Arrays.copyOfRange(plain, 3, plain.length);
        Message reply = session == 0 || type == MessageType.THP_CREATE_NEW_SESSION.id() ? pairing(type, body) : null;
        if (reply != null) {
            reply(session, MessageType.of(reply).id(), reply.toByteArray());
            return;
        }
        if (!pairedThisChannel) {
            reply(session, MessageType.FAILURE.id(), EmulatedTrezor.failure(TrezorCommon.Failure.FailureType.Failure_InvalidSession, "not paired").toByteArray());
            return;
        }
        TrezorV1Codec.Message answer = appWire.call(new TrezorV1Codec.Message(type, body));
        reply(session, answer.type(), answer.payload());
    }

    private void reply(int session, int type, byte[] body) throws IOException, ThpCryptoException {
        byte[] plain = new byte[3 + body.length];
        plain[0] = (byte) session;
        plain[1] = (byte) (type >>> 8);
        plain[2] = (byte) type;
        System.arraycopy(body, 0, plain, 3, body.length);
        byte[] c = responses.encrypt(plain);
        if (tamperNextToHost) {
            tamperNextToHost = false;
            c[0] ^= 0x01;
        }
        send(ThpControlByte.ENCRYPTED_TRANSPORT, c);
    }

    /** TP0..TP3a, TC1 and session creation; null for application messages. */
    private Message pairing(int type, byte[] body) throws ThpCryptoException {
        try {
            MessageType t = MessageType.byId(type);
            if (t == null) {
                return null;
            }
            return switch (t) {
                case THP_PAIRING_REQUEST -> TrezorThp.ThpPairingRequestApproved.getDefaultInstance();
                case THP_SELECT_METHOD -> {
                    if (TrezorThp.ThpSelectMethod.parseFrom(body).getSelectedPairingMethod() != TrezorThp.ThpPairingMethod.CodeEntry) {
                        yield EmulatedTrezor.failure(TrezorCommon.Failure.FailureType.Failure_DataError, "pairing method not allowed");
                    }
                    codeSecret = new byte[16];
                    random.nextBytes(codeSecret);
                    yield TrezorThp.ThpCodeEntryCommitment.newBuilder().setCommitment(ByteString.copyFrom(ThpCrypto.sha256(codeSecret))).build();
                }
                case THP_CODE_ENTRY_CHALLENGE -> {
                    byte[] challenge = TrezorThp.ThpCodeEntryChallenge.parseFrom(body).getChallenge().toByteArray();
                    shownCode = ThpCodeEntry.code(handshakeHash, codeSecret, challenge);
                    cpacePrivate = new byte[32];
                    random.nextBytes(cpacePrivate);
                    byte[] pub = ThpCrypto.x25519(cpacePrivate, Cpace.codeEntryGenerator(shownCode, handshakeHash));
                    yield TrezorThp.ThpCodeEntryCpaceTrezor.newBuilder().setCpaceTrezorPublicKey(ByteString.copyFrom(pub)).build();
                }
                case THP_CODE_ENTRY_CPACE_HOST_TAG -> {
                    var tag = TrezorThp.ThpCodeEntryCpaceHostTag.parseFrom(body);
                    shownCode = null;
                    byte[] shared;
                    try {
                        shared = ThpCrypto.x25519(cpacePrivate, tag.getCpaceHostPublicKey().toByteArray());
                    } catch (ThpCryptoException | IllegalArgumentException e) {
                        yield EmulatedTrezor.failure(TrezorCommon.Failure.FailureType.Failure_DataError, "invalid CPace key");
                    }
                    if (!MessageDigest.isEqual(ThpCrypto.sha256(shared), tag.getTag().toByteArray())) {
                        yield EmulatedTrezor.failure(TrezorCommon.Failure.FailureType.Failure_DataError, "Unexpected Code Entry Tag");
                    }
                    pairedThisChannel = true;
                    yield TrezorThp.ThpCodeEntrySecret.newBuilder().setSecret(ByteString.copyFrom(codeSecret)).build();
                }
                case THP_CREDENTIAL_REQUEST -> {
                    if (!pairedThisChannel) {
                        yield EmulatedTrezor.failure(TrezorCommon.Failure.FailureType.Failure_UnexpectedMessage, "not paired");
                    }
                    var req = TrezorThp.ThpCredentialRequest.parseFrom(body);
                    var meta = metadata();
                    byte[] cred = TrezorThp.ThpPairingCredential.newBuilder().setCredMetadata(meta)
                            .setMac(ByteString.copyFrom(mac(req.getHostStaticPublicKey().toByteArray(), meta))).build().toByteArray();
                    yield TrezorThp.ThpCredentialResponse.newBuilder().setTrezorStaticPublicKey(ByteString.copyFrom(ThpCrypto.publicKey(staticPrivate)))
                            .setCredential(ByteString.copyFrom(cred)).build();
                }
                case THP_END_REQUEST -> pairedThisChannel ? TrezorThp.ThpEndResponse.getDefaultInstance()
                        : EmulatedTrezor.failure(TrezorCommon.Failure.FailureType.Failure_UnexpectedMessage, "not paired");
                case THP_CREATE_NEW_SESSION -> pairedThisChannel ? TrezorCommon.Success.getDefaultInstance()
                        : EmulatedTrezor.failure(TrezorCommon.Failure.FailureType.Failure_UnexpectedMessage, "not paired");
                default -> null;
            };
        } catch (InvalidProtocolBufferException e) {
            return EmulatedTrezor.failure(TrezorCommon.Failure.FailureType.Failure_DataError, "undecodable");
        }
    }

    @Override
    public void close() {
        udp.close();
        thread.interrupt();
        app.close();
    }
}
