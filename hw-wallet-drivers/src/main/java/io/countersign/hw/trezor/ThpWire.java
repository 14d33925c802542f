package io.countersign.hw.trezor;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.countersign.hw.DeviceException;
import io.countersign.hw.protocol.TrezorV1Codec;
import io.countersign.hw.protocol.thp.Cpace;
import io.countersign.hw.protocol.thp.ThpAllocation;
import io.countersign.hw.protocol.thp.ThpCipherState;
import io.countersign.hw.protocol.thp.ThpCodeEntry;
import io.countersign.hw.protocol.thp.ThpControlByte;
import io.countersign.hw.protocol.thp.ThpCrypto;
import io.countersign.hw.protocol.thp.ThpCryptoException;
import io.countersign.hw.protocol.thp.ThpHandshake;
import io.countersign.hw.protocol.thp.ThpMessage;
import io.countersign.hw.trezor.proto.TrezorCommon;
import io.countersign.hw.trezor.proto.TrezorThp;
import io.countersign.hw.transport.PacketIo;
import io.countersign.hw.transport.ThpChannel;
import io.countersign.hw.transport.TrezorWire;
import java.security.SecureRandom;

/**
 * A Trezor reached over the Trezor Host Protocol (the Safe 7): channel allocation, the Noise XX
 * handshake with the stored credential if the Trezor is known, code-entry pairing if not (the code
 * comes from a {@link ThpPairingPrompt}; the new credential goes to the {@link ThpCredentialStore}),
 * then one session without passphrase; after that every {@link #call} is one encrypted message
 * {@code session_id (1) | message_type (2, big-endian) | protobuf} (docs/common/thp/sessions.md).
 * The Ethereum messages are the same as over protocol v1.
 */
public final class ThpWire implements TrezorWire {
    /** The application name the Trezor shows when asked to pair. */
    public static final String APP_NAME = "Countersign";
    private static final int SESSION_ID = 1;
    private static final int PAIRING_SESSION_ID = 0;

    private final ThpChannel channel;
    private final String description;
    private final int answerTimeoutMillis;
    private ThpCipherState requests;
    private ThpCipherState responses;
    private ThpAllocation allocation;
    private boolean paired;

    private ThpWire(ThpChannel channel, String description, int answerTimeoutMillis) {
        this.channel = channel;
        this.description = description;
        this.answerTimeoutMillis = answerTimeoutMillis;
    }

    /**
     * Connects: allocation, handshake, pairing if needed, session.
     *
     * @param prompt asks for the pairing code; null when nobody can answer (then an unpaired Trezor
     *     gives {@link DeviceException.PairingRequired})
     * @param hostName the computer's name the Trezor shows when pairing
     * @param ackTimeoutMillis resend a message not acknowledged within this time
     * @param answerTimeoutMillis how long the Trezor may take to answer (a person may be confirming)
     * @throws DeviceException typed: locked, pairing required or failed, transport errors, unsupported firmware
     */
    public static ThpWire connect(PacketIo io, ThpCredentialStore store, ThpPairingPrompt prompt, String hostName,
                                  int ackTimeoutMillis, int answerTimeoutMillis) {
        ThpWire w = new ThpWire(new ThpChannel(io, ackTimeoutMillis), io.describe(), answerTimeoutMillis);
        try {
            w.open(store, prompt, hostName);
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    private void open(ThpCredentialStore store, ThpPairingPrompt prompt, String hostName) {
        SecureRandom random = new SecureRandom();
        allocation = channel.allocate();
        int major = allocation.properties().getProtocolVersionMajor();
        if (major != 2) {
            String version = major + "." + allocation.properties().getProtocolVersionMinor();
            throw new DeviceException.FirmwareUnsupported(major < 2
                    ? "the Trezor at " + description + " runs firmware too old for Countersign (it speaks THP " + version
                            + ", Countersign speaks THP 2): update the Trezor firmware with Trezor Suite, then try again"
                    : "the Trezor at " + description + " speaks THP " + version + ", newer than the THP 2 Countersign speaks: "
                            + "update Countersign");
        }
        byte[] ephemeral = new byte[32];
        random.nextBytes(ephemeral);
        ThpHandshake hs = new ThpHandshake(allocation.deviceProperties(), ephemeral, true);
        channel.send(ThpControlByte.HANDSHAKE_INIT_REQUEST, hs.initiationRequest());
        ThpMessage init = expectData(ThpControlByte.HANDSHAKE_INIT_RESPONSE, "HandshakeInitiationResponse");
        ThpCredentialStore.Entry known = null;
        try {
            hs.readInitiationResponse(init.payload());
            for (ThpCredentialStore.Entry e : store.entries()) {
                if (ThpHandshake.matches(e.trezorStaticPublicKey(), hs.trezorEphemeralPublicKey(), hs.trezorMaskedStaticPublicKey())) {
                    known = e;
                    break;
                }
            }
            byte[] hostStatic = known != null ? known.hostStaticPrivateKey() : new byte[32];
            if (known == null) {
                random.nextBytes(hostStatic);
            }
            TrezorThp.ThpHandshakeCompletionReqNoisePayload.Builder payload = TrezorThp.ThpHandshakeCompletionReqNoisePayload.newBuilder();
            if (known != null) {
                payload.setHostPairingCredential(ByteString.copyFrom(known.credential()));
            }
            channel.send(ThpControlByte.HANDSHAKE_COMPLETION_REQUEST, hs.completionRequest(hostStatic, payload.build().toByteArray()));
            ThpMessage done = expectData(ThpControlByte.HANDSHAKE_COMPLETION_RESPONSE, "HandshakeCompletionResponse");
            ThpHandshake.Result r = hs.readCompletionResponse(done.payload());
            requests = new ThpCipherState(r.keyRequest(), 0);
            responses = new ThpCipherState(r.keyResponse(), 1);
            paired = r.trezorState() != ThpHandshake.STATE_UNPAIRED;
            if (!paired) {
                pair(store, prompt, hostName, hs, hostStatic, random);
            }
        } catch (ThpCryptoException e) {
            throw new DeviceException.DeviceFailure("the THP handshake with the Trezor at " + description + " failed ("
                    + e.getMessage() + "); reconnect it and try again, and use another cable or computer if it repeats", e);
        }
        call(PAIRING_SESSION_ID, TrezorThp.ThpEndRequest.getDefaultInstance(), TrezorThp.ThpEndResponse.class);
        call(SESSION_ID, TrezorThp.ThpCreateNewSession.newBuilder().setPassphrase("").build(), TrezorCommon.Success.class);
    }

    private void pair(ThpCredentialStore store, ThpPairingPrompt prompt, String hostName, ThpHandshake hs, byte[] hostStatic,
                      SecureRandom random) throws ThpCryptoException {
        if (!allocation.supports(TrezorThp.ThpPairingMethod.CodeEntry)) {
            throw new DeviceException.FirmwareUnsupported("the Trezor at " + description
                    + " offers no code-entry pairing, the only method Countersign supports; update its firmware with Trezor Suite");
        }
        if (prompt == null) {
            throw new DeviceException.PairingRequired("the Trezor at " + description + " is not paired with this computer: run the command "
                    + "in a terminal (or sign once in the console) and enter the 6-digit code the Trezor shows");
        }
        call(PAIRING_SESSION_ID, TrezorThp.ThpPairingRequest.newBuilder().setHostName(hostName).setAppName(APP_NAME).build(),
                TrezorThp.ThpPairingRequestApproved.class);
        TrezorThp.ThpCodeEntryCommitment commitment = call(PAIRING_SESSION_ID, TrezorThp.ThpSelectMethod.newBuilder()
                .setSelectedPairingMethod(TrezorThp.ThpPairingMethod.CodeEntry).build(), TrezorThp.ThpCodeEntryCommitment.class);
        byte[] challenge = new byte[16];
        random.nextBytes(challenge);
        TrezorThp.ThpCodeEntryCpaceTrezor trezorCpace = call(PAIRING_SESSION_ID, TrezorThp.ThpCodeEntryChallenge.newBuilder()
                .setChallenge(ByteString.copyFrom(challenge)).build(), TrezorThp.ThpCodeEntryCpaceTrezor.class);
        String code = prompt.askCode(description);
        if (code == null) {
            throw new DeviceException.PairingRequired("the Trezor at " + description + " is not paired with this computer and the code it "
                    + "shows could not be asked for: run the command in a terminal and enter the 6-digit code the Trezor shows");
        }
        code = code.strip();
        if (!code.matches("[0-9]{6}")) {
            throw new DeviceException.PairingFailed("the pairing code is the 6 digits shown on the Trezor; got " + code.length()
                    + " characters. Start again and type the code exactly as shown", null);
        }
        byte[] cpacePrivate = new byte[32];
        random.nextBytes(cpacePrivate);
        byte[] hh = hs.handshakeHash();
        Cpace.Result cp;
        try {
            cp = Cpace.hostKeys(code, hh, cpacePrivate, trezorCpace.getCpaceTrezorPublicKey().toByteArray());
        } catch (ThpCryptoException e) {
            throw new DeviceException.PairingFailed("the Trezor sent an invalid CPace key (" + e.getMessage()
                    + "); someone may be between this computer and the device: use another cable and computer", e);
        }
        Message answer = callAny(PAIRING_SESSION_ID, TrezorThp.ThpCodeEntryCpaceHostTag.newBuilder()
                .setCpaceHostPublicKey(ByteString.copyFrom(cp.publicKey())).setTag(ByteString.copyFrom(cp.tag())).build());
        if (answer instanceof TrezorCommon.Failure f) {
            throw new DeviceException.PairingFailed("the Trezor refused the pairing code (" + f.getMessage()
                    + "): the code typed is not the one it shows. Start again and type the code exactly as shown; nothing was stored", null);
        }
        if (!(answer instanceof TrezorThp.ThpCodeEntrySecret secret)) {
            throw new DeviceException.UnexpectedMessage("ThpCodeEntrySecret", answer.getDescriptorForType().getName());
        }
        try {
            ThpCodeEntry.verify(code, hh, commitment.getCommitment().toByteArray(), challenge, secret.getSecret().toByteArray());
        } catch (ThpCryptoException e) {
            throw new DeviceException.PairingFailed("pairing with the Trezor at " + description + " failed: " + e.getMessage()
                    + "; someone may be between this computer and the device: use another cable and computer; nothing was stored", e);
        }
        TrezorThp.ThpCredentialResponse cred = call(PAIRING_SESSION_ID, TrezorThp.ThpCredentialRequest.newBuilder()
                .setHostStaticPublicKey(ByteString.copyFrom(ThpCrypto.publicKey(hostStatic))).build(), TrezorThp.ThpCredentialResponse.class);
        byte[] trezorStatic = cred.getTrezorStaticPublicKey().toByteArray();
        if (!ThpHandshake.matches(trezorStatic, hs.trezorEphemeralPublicKey(), hs.trezorMaskedStaticPublicKey())) {
            throw new DeviceException.PairingFailed("the Trezor's credential names another static key than the one of this handshake; nothing was stored", null);
        }
        store.save(new ThpCredentialStore.Entry(trezorStatic, hostStatic, cred.getCredential().toByteArray()));
        paired = true;
    }

    /** The device properties from the allocation. */
    public ThpAllocation allocation() {
        return allocation;
    }

    /** True once the Trezor accepted this computer (by credential or by pairing). */
    public boolean paired() {
        return paired;
    }

    /** Messages resent because an ACK did not arrive in time. */
    public int retransmissions() {
        return channel.retransmissions();
    }

    private <T extends Message> T call(int session, Message request, Class<T> expected) {
        Message m = callAny(session, request);
        if (m instanceof TrezorCommon.Failure f) {
            throw new DeviceException.DeviceFailure("the Trezor at " + description + " answered " + request.getDescriptorForType().getName()
                    + " with Failure " + f.getCode() + ": " + f.getMessage());
        }
        if (!expected.isInstance(m)) {
            throw new DeviceException.UnexpectedMessage(expected.getSimpleName(), m.getDescriptorForType().getName());
        }
        return expected.cast(m);
    }

    /** Sends one message on a session and returns the answer, acknowledging button requests. */
    private Message callAny(int session, Message request) {
        TrezorV1Codec.Message answer = exchange(session, new TrezorV1Codec.Message(MessageType.of(request).id(), request.toByteArray()));
        while (true) {
            MessageType t = MessageType.byId(answer.type());
            if (t == null) {
                throw new DeviceException.UnexpectedMessage("a THP pairing message", "message type " + answer.type());
            }
            Message m;
            try {
                m = t.parser().parseFrom(answer.payload());
            } catch (InvalidProtocolBufferException e) {
                throw new DeviceException.DeviceFailure("the Trezor at " + description + " sent an undecodable " + t.protoName(), e);
            }
            if (m instanceof TrezorCommon.ButtonRequest) {
                answer = exchange(session, new TrezorV1Codec.Message(MessageType.BUTTON_ACK.id(), new byte[0]));
                continue;
            }
            return m;
        }
    }

    @Override
    public TrezorV1Codec.Message call(TrezorV1Codec.Message request) {
        return exchange(SESSION_ID, request);
    }

    private TrezorV1Codec.Message exchange(int session, TrezorV1Codec.Message request) {
        byte[] body = request.payload();
        byte[] plain = new byte[3 + body.length];
        plain[0] = (byte) session;
        plain[1] = (byte) (request.type() >>> 8);
        plain[2] = (byte) request.type();
        System.arraycopy(body, 0, plain, 3, body.length);
        try {
            channel.send(ThpControlByte.ENCRYPTED_TRANSPORT, requests.encrypt(plain));
            while (true) {
                ThpMessage in = expectData(ThpControlByte.ENCRYPTED_TRANSPORT, "an encrypted message");
                byte[] p = responses.decrypt(in.payload());
                if (p.length < 3) {
                    throw new DeviceException.DeviceFailure("the Trezor at " + description + " sent an encrypted message of " + p.length + " bytes");
                }
                if ((p[0] & 0xFF) != session) {
                    continue; // another session's message: not ours to take
                }
                int type = ((p[1] & 0xFF) << 8) | (p[2] & 0xFF);
                return new TrezorV1Codec.Message(type, java.util.Arrays.copyOfRange(p, 3, p.length));
            }
        } catch (ThpCryptoException e) {
            throw new DeviceException.ThpTransportError(io.countersign.hw.protocol.thp.ThpErrorCode.DECRYPTION_FAILED,
                    "a message from the Trezor at " + description + " does not decrypt (" + e.getMessage()
                    + "): it was altered on the way or another program uses the device; reconnect it and start the request again");
        }
    }

    private ThpMessage expectData(int kind, String what) {
        ThpMessage m = channel.receive(answerTimeoutMillis);
        if (ThpControlByte.dataKind(m.controlByte()) != kind) {
            throw new DeviceException.UnexpectedMessage(what, ThpControlByte.describe(m.controlByte()));
        }
        return m;
    }

    @Override
    public String describe() {
        return description + " (THP)";
    }

    @Override
    public void close() {
        channel.close();
    }
}
