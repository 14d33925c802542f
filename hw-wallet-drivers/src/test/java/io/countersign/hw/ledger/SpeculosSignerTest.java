package io.countersign.hw.ledger;

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
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.TypedData;
import io.countersign.hw.DeviceException;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.HardwareSigners;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/** The real {@code speculos:} TCP transport against {@link EmulatedSpeculos} holding a software key. */
public class SpeculosSignerTest {
    public static final String MNEMONIC = "test test test test test test test test test test test junk";
    static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/0");
    /** The first anvil/hardhat account of MNEMONIC, known independently of this code. */
    public static final Address ANVIL_0 = Address.parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    public static final String SAFE_TX = """
            {"types":{"EIP712Domain":[{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
             "SafeTx":[{"name":"to","type":"address"},{"name":"value","type":"uint256"},{"name":"data","type":"bytes"},
              {"name":"operation","type":"uint8"},{"name":"safeTxGas","type":"uint256"},{"name":"baseGas","type":"uint256"},
              {"name":"gasPrice","type":"uint256"},{"name":"gasToken","type":"address"},{"name":"refundReceiver","type":"address"},
              {"name":"nonce","type":"uint256"}]},
             "primaryType":"SafeTx",
             "domain":{"chainId":11155111,"verifyingContract":"0x9fC3dc011b461664c835F2527fffb1169b3C213e"},
             "message":{"to":"0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238","value":"0",
              "data":"0xa9059cbb000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb9226600000000000000000000000000000000000000000000000000000000000f4240",
              "operation":0,"safeTxGas":"0","baseGas":"0","gasPrice":"0","gasToken":"0x0000000000000000000000000000000000000000",
              "refundReceiver":"0x0000000000000000000000000000000000000000","nonce":"7"}}""";

    record Recorded(List<String> confirmations, List<String> notices) implements DevicePrompts {
        Recorded() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        public void confirmOnDevice(String s) {
            confirmations.add(s);
        }

        public char[] pin() {
            return null;
        }

        public char[] passphrase() {
            return null;
        }

        public void notice(String s) {
            notices.add(s);
        }
    }

    @Test
    void signsLegacyAndEip1559TransactionsThatRecoverToTheKey() {
        try (EmulatedSpeculos device = EmulatedSpeculos.start(MNEMONIC, PATH);
                LedgerSigner signer = HardwareSigners.openLedger(device.uri(), PATH, DevicePrompts.SILENT, null)) {
            assertEquals(ANVIL_0, device.address());
            byte[] data = new byte[400];
            java.util.Arrays.fill(data, (byte) 0xab);
            EthTransaction eip1559 = EthTransaction.eip1559(BigInteger.valueOf(31337), BigInteger.ONE, BigInteger.valueOf(100_000),
                    ANVIL_0, BigInteger.TEN, data, BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(30_000_000_000L));
            SignedTransaction s1 = signer.signTransaction(eip1559);
            assertEquals(ANVIL_0, recover(eip1559, s1));
            EthTransaction legacy = EthTransaction.legacy(BigInteger.valueOf(1), BigInteger.ZERO, BigInteger.valueOf(20_000_000_000L),
                    BigInteger.valueOf(21_000), ANVIL_0, BigInteger.ONE, new byte[0]);
            SignedTransaction s2 = signer.signTransaction(legacy);
            assertEquals(ANVIL_0, recover(legacy, s2));
            assertEquals(BigInteger.valueOf(37 + s2.yParity()), s2.v());
            assertTrue(device.apdusWithIns(0x04).size() >= 4, "the 400-byte data went in several chunks");
        }
    }

    private static Address recover(EthTransaction tx, SignedTransaction s) {
        byte[] r = org.web3j.utils.Numeric.toBytesPadded(s.r(), 32);
        byte[] sv = org.web3j.utils.Numeric.toBytesPadded(s.s(), 32);
        return new Signature(r, sv, 27 + s.yParity()).recover(tx.signingHash());
    }

    @Test
    void signsAPersonalMessage() {
        try (EmulatedSpeculos device = EmulatedSpeculos.start(MNEMONIC, PATH);
                LedgerSigner signer = HardwareSigners.openLedger(device.uri(), PATH, DevicePrompts.SILENT, null)) {
            byte[] msg = "Countersign: approve treasury rotation ".repeat(8).getBytes(StandardCharsets.UTF_8);
            Signature sig = signer.signPersonalMessage(msg);
            assertEquals(ANVIL_0, sig.recover(Eip191.hashPersonalMessage(msg)));
            // Same deterministic (RFC 6979) signature as the software key.
            assertEquals(SoftwareSigner.fromMnemonic(MNEMONIC, "", PATH, "k").signPersonalMessage(msg), sig);
        }
    }

    @Test
    void signsASafeTxInFullClearSigningMode() {
        Recorded prompts = new Recorded();
        try (EmulatedSpeculos device = EmulatedSpeculos.start(MNEMONIC, PATH);
                LedgerSigner signer = HardwareSigners.openLedger(device.uri(), PATH, prompts, null)) {
            TypedData td = new TypedData(SAFE_TX);
            Signature sig = signer.signTypedData(td);
            assertEquals(ANVIL_0, sig.recover(td.digest()));
            assertTrue(prompts.notices().isEmpty());
            assertFalse(device.apdusWithIns(0x1C).isEmpty(), "values went field by field");
            assertTrue(device.apdusWithIns(0x0C).get(0).startsWith("e00c0001"), "full-mode SIGN has P2 0x01");
            assertEquals(1, prompts.confirmations().size());
        }
    }

    @Test
    void fallsBackToHashedEip712OnlyWhenTheAppCannotTakeTheFullMessage() {
        Recorded prompts = new Recorded();
        try (EmulatedSpeculos device = EmulatedSpeculos.start(MNEMONIC, PATH);
                LedgerSigner signer = HardwareSigners.openLedger(device.uri(), PATH, prompts, null)) {
            device.withoutEip712Full("1.9.2");
            TypedData td = new TypedData(SAFE_TX);
            Signature sig = signer.signTypedData(td);
            assertEquals(ANVIL_0, sig.recover(td.digest()));
            assertEquals(1, prompts.notices().size());
            assertTrue(prompts.notices().get(0).contains("1.9.2 is too old for clear signing"), prompts.notices().get(0));
            assertTrue(device.apdusWithIns(0x0C).get(0).startsWith("e00c0000"), "hashed SIGN has P2 0x00");
            assertEquals(signer.notes(), prompts.notices());
        }
    }

    @Test
    void socketClosedMidExchangeIsDeviceDisconnected() {
        try (EmulatedSpeculos device = EmulatedSpeculos.start(MNEMONIC, PATH);
                LedgerSigner signer = HardwareSigners.openLedger(device.uri(), PATH, DevicePrompts.SILENT, null)) {
            device.dropNextExchange();
            DeviceException.DeviceDisconnected e = assertThrows(DeviceException.DeviceDisconnected.class,
                    () -> signer.signPersonalMessage(new byte[] {1}));
            assertTrue(e.getMessage().contains("closed the connection in the middle of an exchange"), e.getMessage());
            assertEquals(io.countersign.eth.SignerException.Reason.UNAVAILABLE, e.reason());
        }
    }

    @Test
    void recordWritesTheExchangeInReplayableForm(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("rec.apdus");
        byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
        Signature live;
        try (EmulatedSpeculos device = EmulatedSpeculos.start(MNEMONIC, PATH);
                LedgerSigner signer = HardwareSigners.openLedger(device.uri(), PATH, DevicePrompts.SILENT, file)) {
            live = signer.signPersonalMessage(msg);
        }
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("=> e0080000"), lines.get(0));
        assertTrue(lines.get(1).startsWith("<= ") && lines.get(1).endsWith("9000"), lines.get(1));
        try (LedgerSigner replay = HardwareSigners.openLedger("ledger-replay:" + file, PATH, DevicePrompts.SILENT, null)) {
            assertEquals(live, replay.signPersonalMessage(msg));
        }
        assertEquals(ANVIL_0, live.recover(Hash.sha3(concatPrefix(msg))));
    }

    private static byte[] concatPrefix(byte[] msg) {
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + msg.length).getBytes(StandardCharsets.UTF_8);
        return EmulatedSpeculos.concat(prefix, msg);
    }
}
