package io.countersign.hw.trezor;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.countersign.hw.DeviceException;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.protocol.TrezorV1Codec;
import io.countersign.hw.transport.ExchangeRecorder;
import io.countersign.hw.transport.TrezorWire;
import io.countersign.hw.trezor.proto.TrezorCommon;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one request/response loop with a Trezor (trezorlib {@code client.py} {@code _call}): sends a
 * message, answers ButtonRequest, PinMatrixRequest and PassphraseRequest in one place, maps
 * {@code Failure} to typed errors, and returns the first message of an expected type; any other
 * message is {@link DeviceException.UnexpectedMessage} naming both.
 */
public final class TrezorSession implements AutoCloseable {
    private final TrezorWire wire;
    private final DevicePrompts prompts;
    private final ExchangeRecorder recorder;
    private String pendingConfirmation = "confirm on your Trezor";

    /**
     * @param recorder if not null, every message is recorded; PIN and passphrase payloads redacted
     */
    public TrezorSession(TrezorWire wire, DevicePrompts prompts, ExchangeRecorder recorder) {
        this.wire = wire;
        this.prompts = prompts == null ? DevicePrompts.SILENT : prompts;
        this.recorder = recorder;
    }

    public TrezorWire wire() {
        return wire;
    }

    /** What the next ButtonRequest is about, for {@link DevicePrompts#confirmOnDevice}. */
    public void expectConfirmation(String whatTheDeviceShows) {
        this.pendingConfirmation = whatTheDeviceShows;
    }

    /**
     * Sends {@code request} and returns the first answer of one of the {@code expected} types.
     *
     * @throws DeviceException.RefusedOnDevice on Failure ActionCancelled / PinCancelled
     * @throws DeviceException.DeviceLocked on a wrong or missing PIN
     * @throws DeviceException.UnexpectedMessage on any other unexpected answer
     */
    @SafeVarargs
    public final Message call(Message request, Class<? extends Message>... expected) {
        Message next = request;
        while (true) {
            Message response = exchange(next);
            for (Class<? extends Message> c : expected) {
                if (c.isInstance(response)) {
                    return response;
                }
            }
            next = switch (response) {
                case TrezorCommon.ButtonRequest br -> {
                    prompts.confirmOnDevice(pendingConfirmation);
                    yield TrezorCommon.ButtonAck.getDefaultInstance();
                }
                case TrezorCommon.PinMatrixRequest pr -> pinAck();
                case TrezorCommon.PassphraseRequest pr -> passphraseAck();
                case TrezorCommon.Failure f -> throw failure(f);
                default -> throw new DeviceException.UnexpectedMessage(
                        Arrays.stream(expected).map(Class::getSimpleName).collect(Collectors.joining(" or ")),
                        response.getDescriptorForType().getName());
            };
        }
    }

    private Message pinAck() {
        char[] pin = prompts.pin();
        if (pin == null || pin.length == 0) {
            exchange(TrezorCommon.Cancel.getDefaultInstance());
            throw new DeviceException.DeviceLocked("the Trezor is locked and no PIN was entered: unlock it and try again");
        }
        try {
            return TrezorCommon.PinMatrixAck.newBuilder().setPin(new String(pin)).build();
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private Message passphraseAck() {
        char[] passphrase = prompts.passphrase();
        if (passphrase == null) {
            return TrezorCommon.PassphraseAck.newBuilder().setOnDevice(true).build();
        }
        try {
            return TrezorCommon.PassphraseAck.newBuilder().setPassphrase(new String(passphrase)).build();
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Maps a Failure to the typed error the user can act on. */
    static DeviceException failure(TrezorCommon.Failure f) {
        String text = f.hasMessage() ? f.getMessage() : "";
        return switch (f.getCode()) {
            case Failure_ActionCancelled, Failure_PinCancelled -> new DeviceException.RefusedOnDevice("cancelled on the Trezor" + suffix(text));
            case Failure_PinInvalid, Failure_PinExpected, Failure_PinMismatch ->
                    new DeviceException.DeviceLocked("the Trezor did not accept the PIN" + suffix(text) + ": unlock it and try again");
            case Failure_NotInitialized -> new DeviceException.NoDevice("the Trezor has no seed yet: set it up in Trezor Suite first", null);
            case Failure_Busy, Failure_InProgress ->
                    new DeviceException.DeviceFailure("the Trezor is busy with another program" + suffix(text) + ": close Trezor Suite and try again");
            default -> new DeviceException.DeviceFailure("the Trezor failed: " + f.getCode().name() + suffix(text));
        };
    }

    private static String suffix(String text) {
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    private Message exchange(Message request) {
        MessageType type = MessageType.of(request);
        byte[] payload = request.toByteArray();
        if (recorder != null) {
            byte[] header = ByteBuffer.allocate(6).putShort((short) type.id()).putInt(payload.length).array();
            if (type.secret()) {
                recorder.secretRequest(header);
            } else {
                recorder.request(ByteBuffer.allocate(6 + payload.length).put(header).put(payload).array());
            }
        }
        TrezorV1Codec.Message answer = wire.call(new TrezorV1Codec.Message(type.id(), payload));
        if (recorder != null) {
            byte[] p = answer.payload();
            recorder.response(ByteBuffer.allocate(6 + p.length).putShort((short) answer.type()).putInt(p.length).put(p).array());
        }
        MessageType answerType = MessageType.byId(answer.type());
        if (answerType == null) {
            throw new DeviceException.UnexpectedMessage("a known message", "MessageType " + answer.type());
        }
        try {
            return answerType.parser().parseFrom(answer.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new DeviceException.DeviceFailure("the Trezor sent a malformed " + answerType.protoName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            wire.close();
        } finally {
            if (recorder != null) {
                recorder.close();
            }
        }
    }
}
