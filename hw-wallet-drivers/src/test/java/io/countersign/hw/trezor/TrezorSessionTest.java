package io.countersign.hw.trezor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Eip191;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.SignerException.Reason;
import io.countersign.eth.TypedData;
import io.countersign.hw.DeviceException;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.HardwareSigners;
import io.countersign.hw.ledger.SpeculosSignerTest;
import io.countersign.hw.protocol.TrezorV1Codec;
import io.countersign.hw.transport.ExchangeRecorder;
import io.countersign.hw.transport.ProtocolV1Wire;
import io.countersign.hw.transport.TrezorWire;
import io.countersign.hw.trezor.proto.TrezorCommon;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one request/response loop: button, PIN, passphrase, Failure mapping, unexpected messages, unplugging, UDP. */
class TrezorSessionTest {
    static final String MNEMONIC = SpeculosSignerTest.MNEMONIC;
    static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/0");

    static final class Prompts implements DevicePrompts {
        final List<String> confirmations = new ArrayList<>();
        String pin;
        int pinAsked;
        int passphraseAsked;

        public void confirmOnDevice(String s) {
            confirmations.add(s);
        }

        public char[] pin() {
            pinAsked++;
            return pin == null ? null : pin.toCharArray();
        }

        public char[] passphrase() {
            passphraseAsked++;
            return null;
        }

        public void notice(String s) {}
    }

    private static TrezorSigner signer(EmulatedTrezor device, DevicePrompts prompts, ExchangeRecorder recorder) {
        TrezorSession session = new TrezorSession(new ProtocolV1Wire(device.hostIo()), prompts, recorder);
        return new TrezorSigner(session, new TrezorEthereumClient(session).initialize(), PATH, prompts);
    }

    @Test
    void signsOverTheEmulatorUdpPortAndRecoversToTheKey() {
        try (EmulatedTrezor device = new EmulatedTrezor(MNEMONIC, "Safe 3")) {
            Prompts prompts = new Prompts();
            try (var s = HardwareSigners.open(device.startUdp(), PATH, prompts, null)) {
                EthTransaction tx = EthTransaction.eip1559(BigInteger.valueOf(11155111), BigInteger.TWO, BigInteger.valueOf(90_000),
                        SpeculosSignerTest.ANVIL_0, BigInteger.ONE, new byte[2500], BigInteger.ONE, BigInteger.valueOf(2_000_000_000L));
                SignedTransaction signed = s.signTransaction(tx);
                Signature asSig = new Signature(org.web3j.utils.Numeric.toBytesPadded(signed.r(), 32),
                        org.web3j.utils.Numeric.toBytesPadded(signed.s(), 32), 27 + signed.yParity());
                assertEquals(SpeculosSignerTest.ANVIL_0, asSig.recover(tx.signingHash()));
                byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
                assertEquals(SpeculosSignerTest.ANVIL_0, s.signPersonalMessage(msg).recover(Eip191.hashPersonalMessage(msg)));
                TypedData td = new TypedData(SpeculosSignerTest.SAFE_TX);
                assertEquals(SpeculosSignerTest.ANVIL_0, s.signTypedData(td).recover(td.digest()));
                assertEquals(SpeculosSignerTest.ANVIL_0, s.address());
                assertEquals(3, prompts.confirmations.size(), "one ButtonRequest per signature reached the prompts");
            }
        }
    }

    @Test
    void actionCancelledIsRefusedOnDevice() {
        try (EmulatedTrezor device = new EmulatedTrezor(MNEMONIC, "T"); TrezorSigner s = signer(device, new Prompts(), null)) {
            device.refuseNextButton();
            DeviceException.RefusedOnDevice e = assertThrows(DeviceException.RefusedOnDevice.class, () -> s.signPersonalMessage(new byte[] {1}));
            assertEquals(Reason.REFUSED, e.reason());
            assertTrue(e.getMessage().contains("cancelled on the Trezor (Cancelled)"), e.getMessage());
        }
    }

    @Test
    void pinMatrixIsAnsweredFromThePromptsAndRedactedInTheRecording(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("trezor.rec");
        Prompts prompts = new Prompts();
        prompts.pin = "7319";
        try (EmulatedTrezor device = new EmulatedTrezor(MNEMONIC, "1")) {
            device.lockWithPin("7319");
            device.askPassphrase();
            try (TrezorSigner s = signer(device, prompts, new ExchangeRecorder(rec))) {
                byte[] msg = {9};
                assertEquals(SpeculosSignerTest.ANVIL_0, s.signPersonalMessage(msg).recover(Eip191.hashPersonalMessage(msg)));
            }
            assertTrue(device.last(TrezorCommon.PassphraseAck.class).getOnDevice(), "passphrase entry is left to the device");
        }
        assertEquals(1, prompts.pinAsked);
        String text = Files.readString(rec);
        assertTrue(text.contains("=> 0013" + "00000006" + ExchangeRecorder.REDACTED), text);
        assertFalse(text.contains("37333139"), "the PIN's bytes never reach the recording");
    }

    @Test
    void wrongPinIsDeviceLocked() {
        Prompts prompts = new Prompts();
        prompts.pin = "1111";
        try (EmulatedTrezor device = new EmulatedTrezor(MNEMONIC, "1"); TrezorSigner s = signer(device, prompts, null)) {
            device.lockWithPin("7319");
            DeviceException.DeviceLocked e = assertThrows(DeviceException.DeviceLocked.class, () -> s.signPersonalMessage(new byte[] {1}));
            assertTrue(e.getMessage().contains("did not accept the PIN (PIN invalid)"), e.getMessage());
        }
    }

    @Test
    void noPinEnteredCancelsAndIsDeviceLocked() {
        try (EmulatedTrezor device = new EmulatedTrezor(MNEMONIC, "1"); TrezorSigner s = signer(device, new Prompts(), null)) {
            device.lockWithPin("7319");
            DeviceException.DeviceLocked e = assertThrows(DeviceException.DeviceLocked.class, () -> s.signPersonalMessage(new byte[] {1}));
            assertTrue(e.getMessage().contains("no PIN was entered"), e.getMessage());
            assertTrue(device.received().stream().anyMatch(m -> m instanceof TrezorCommon.Cancel));
        }
    }

    @Test
    void unpluggedMidExchangeIsDeviceDisconnected() {
        try (EmulatedTrezor device = new EmulatedTrezor(MNEMONIC, "T"); TrezorSigner s = signer(device, new Prompts(), null)) {
            device.unplugAfterNextMessage();
            DeviceException.DeviceDisconnected e = assertThrows(DeviceException.DeviceDisconnected.class,
                    () -> s.signPersonalMessage(new byte[] {1}));
            assertTrue(e.getMessage().contains("unplugged in the middle of an exchange"), e.getMessage());
        }
    }

    @Test
    void anAnswerOfTheWrongTypeNamesExpectedAndActual() {
        TrezorWire liar = new TrezorWire() {
            public TrezorV1Codec.Message call(TrezorV1Codec.Message request) {
                return new TrezorV1Codec.Message(MessageType.SUCCESS.id(), TrezorCommon.Success.newBuilder().setMessage("ok").build().toByteArray());
            }

            public String describe() {
                return "liar";
            }

            public void close() {}
        };
        TrezorEthereumClient c = new TrezorEthereumClient(new TrezorSession(liar, DevicePrompts.SILENT, null));
        DeviceException.UnexpectedMessage e = assertThrows(DeviceException.UnexpectedMessage.class, () -> c.getAddress(PATH, false));
        assertEquals("EthereumAddress", e.expected());
        assertEquals("Success", e.actual());
    }

    @Test
    void failureCodesMapToTypedErrors() {
        record Case(TrezorCommon.Failure.FailureType code, Class<? extends DeviceException> type, Reason reason) {}
        for (Case c : List.of(new Case(TrezorCommon.Failure.FailureType.Failure_ActionCancelled, DeviceException.RefusedOnDevice.class, Reason.REFUSED),
                new Case(TrezorCommon.Failure.FailureType.Failure_PinCancelled, DeviceException.RefusedOnDevice.class, Reason.REFUSED),
                new Case(TrezorCommon.Failure.FailureType.Failure_PinInvalid, DeviceException.DeviceLocked.class, Reason.UNAVAILABLE),
                new Case(TrezorCommon.Failure.FailureType.Failure_PinExpected, DeviceException.DeviceLocked.class, Reason.UNAVAILABLE),
                new Case(TrezorCommon.Failure.FailureType.Failure_DataError, DeviceException.DeviceFailure.class, Reason.FAILED))) {
            DeviceException e = TrezorSession.failure(EmulatedTrezor.failure(c.code(), "x"));
            assertEquals(c.type(), e.getClass(), c.code().name());
            assertEquals(c.reason(), e.reason(), c.code().name());
        }
    }

    @Test
    void trezorOneSignsTypedDataByHashAndSaysSo() {
        List<String> notices = new ArrayList<>();
        DevicePrompts p = new DevicePrompts() {
            public void confirmOnDevice(String s) {}

            public char[] pin() {
                return null;
            }

            public char[] passphrase() {
                return null;
            }

            public void notice(String s) {
                notices.add(s);
            }
        };
        try (EmulatedTrezor device = new EmulatedTrezor(MNEMONIC, "1"); TrezorSigner s = signer(device, p, null)) {
            TypedData td = new TypedData(SpeculosSignerTest.SAFE_TX);
            assertEquals(Address.parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), s.signTypedData(td).recover(td.digest()));
            assertTrue(device.received().stream().anyMatch(m -> m instanceof io.countersign.hw.trezor.proto.TrezorEthereum.EthereumSignTypedHash));
            assertEquals(1, notices.size());
        }
    }
}
