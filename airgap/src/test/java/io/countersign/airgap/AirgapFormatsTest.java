package io.countersign.airgap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.UnsignedInteger;
import com.sparrowwallet.hummingbird.UR;
import com.sparrowwallet.hummingbird.registry.CryptoHDKey;
import com.sparrowwallet.hummingbird.registry.CryptoKeypath;
import com.sparrowwallet.hummingbird.registry.pathcomponent.IndexPathComponent;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.MnemonicUtils;

/** The ERC-4527 types' strict reading, crypto-hdkey derivation, and the UR assembler's refusals. */
class AirgapFormatsTest {

    @Test
    void cryptoHdKeyOfAnAccountKeyGivesTheAddressAtZeroZero() throws Exception {
        // the account key m/44'/60'/0' of anvil's mnemonic, derived with web3j (private derivation)
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(Anvil.MNEMONIC, ""));
        Bip32ECKeyPair account = Bip32ECKeyPair.deriveKeyPair(master, Bip32Path.parse("m/44'/60'/0'").indices());
        CryptoKeypath origin = new CryptoKeypath(List.of(new IndexPathComponent(44, true), new IndexPathComponent(60, true),
                new IndexPathComponent(0, true)), new byte[] {1, 2, 3, 4});
        CryptoHDKey key = new CryptoHDKey(false, account.getPublicKeyPoint().getEncoded(true), account.getChainCode(), null, origin, null, null,
                "test wallet", null);
        HdKeyInfo info = HdKeyInfo.fromCbor(key.toUR().getCborBytes());
        // our public derivation (CKDpub) must land on the address web3j derives privately
        assertEquals(SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/0"), "t").address(), info.address());
        assertEquals("m/44'/60'/0'/0/0", info.addressPath());
        assertEquals("test wallet", info.name());
    }

    @Test
    void cryptoHdKeyWithAPrivateKeyIsRefused() {
        CryptoHDKey key = new CryptoHDKey(false, new byte[33], new byte[32], null, null, null, null);
        Map m = (Map) key.toCbor();
        m.put(new UnsignedInteger(CryptoHDKey.IS_PRIVATE_KEY), co.nstant.in.cbor.model.SimpleValue.TRUE);
        AirgapException e = assertThrows(AirgapException.class, () -> HdKeyInfo.fromCbor(Cbor.encode(m)));
        assertTrue(e.getMessage().contains("private"), e.getMessage());
    }

    @Test
    void ethSignRequestRoundTripsAndRefusesUnknownKeysAndUntaggedIds() {
        EthSignRequest r = new EthSignRequest(new byte[16], "{}".getBytes(), EthSignRequest.DataType.TYPED_DATA,
                java.math.BigInteger.valueOf(31337), Bip32Path.parse("m/44'/60'/0'/0/5"), new byte[] {1, 2, 3, 4}, null, "o");
        assertEquals(r, EthSignRequest.fromCbor(r.toCbor()));

        Map extra = (Map) Cbor.decodeOne(r.toCbor(), "t");
        extra.put(new UnsignedInteger(9), new ByteString(new byte[1]));
        AirgapException unknown = assertThrows(AirgapException.class, () -> EthSignRequest.fromCbor(Cbor.encode(extra)));
        assertTrue(unknown.getMessage().contains("unknown key 9"), unknown.getMessage());

        Map untagged = (Map) Cbor.decodeOne(r.toCbor(), "t");
        untagged.put(new UnsignedInteger(1), new ByteString(new byte[16]));
        AirgapException tag = assertThrows(AirgapException.class, () -> EthSignRequest.fromCbor(Cbor.encode(untagged)));
        assertTrue(tag.getMessage().contains("tag 37"), tag.getMessage());
    }

    @Test
    void ethSignatureMustBe65Bytes() {
        Map m = new Map();
        m.put(new UnsignedInteger(2), new ByteString(new byte[64]));
        AirgapException e = assertThrows(AirgapException.class, () -> EthSignatureCode.fromCbor(Cbor.encode(m)));
        assertTrue(e.getMessage().contains("65 bytes"), e.getMessage());
    }

    @Test
    void assemblerRefusesAPartOfAnotherCode() throws Exception {
        byte[] a = new byte[1000];
        byte[] b = new byte[1000];
        b[999] = 1;
        List<String> first = UrParts.encode(new UR("bytes", Cbor.encode(new ByteString(a))), 100, 20);
        List<String> second = UrParts.encode(new UR("bytes", Cbor.encode(new ByteString(b))), 100, 20);
        UrParts.Assembler asm = new UrParts.Assembler();
        asm.add(first.get(0), "frame 1");
        AirgapException e = assertThrows(AirgapException.class, () -> asm.add(second.get(1), "frame 2"));
        assertTrue(e.getMessage().startsWith("frame 2: a part of another code"), e.getMessage());
        for (String p : first.subList(1, first.size())) {
            asm.add(p, "f");
        }
        assertEquals(new UR("bytes", Cbor.encode(new ByteString(a))), asm.result());
    }

    @Test
    void requestIdsAreVersion4LaidOutFromTheSafeTxHash() {
        byte[] hash = new byte[32];
        java.util.Arrays.fill(hash, (byte) 0xff);
        assertEquals("ffffffff-ffff-4fff-bfff-ffffffffffff", RequestIds.format(RequestIds.forSafeTxHash(hash)));
    }
}
