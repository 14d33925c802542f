package io.countersign.multisig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Call;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.devchain.SafeDeployment;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packed forms Safe 1.4.1 must accept on chain: an approved hash (v 1) next to an EIP-712
 * signature, and an EIP-1271 contract signature from a nested Safe (v 0, with its dynamic part)
 * next to an eth_sign signature (v 31/32). Success is the Safe moving the funds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignatureKindsOnChainTest {
    Anvil anvil;
    SafeDeployment safes;

    @BeforeAll
    void start() {
        anvil = TestChain.start();
        safes = SafeDeployment.deploy(anvil);
    }

    @AfterAll
    void stop() {
        anvil.close();
    }

    static SoftwareSigner key(int i) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + i), "anvil " + i);
    }

    SafeTx fundedTransfer(Address safe, Address to) {
        anvil.send(safes.deployer(), safe, BigInteger.TEN.pow(18), new byte[0]);
        return SafeTx.of(Call.of(to, BigInteger.valueOf(12345), new byte[0]), BigInteger.ZERO);
    }

    void execute(Address safe, SafeTx tx, List<SafeSignature> signatures, Address from) {
        anvil.send(from, safe, BigInteger.ZERO, SafeAbi.execTransaction(tx, SafeSignatures.pack(signatures)));
    }

    @Test
    void approvedHashAndEip712SignatureExecute() {
        SoftwareSigner a = key(1);
        SoftwareSigner b = key(2);
        Address safe = safes.createSafe(List.of(a.address(), b.address()), 2, BigInteger.valueOf(101));
        Address to = Address.parse("0x00000000000000000000000000000000000a11ce");
        SafeTx tx = fundedTransfer(safe, to);
        byte[] safeTxHash = SafeHasher.hash(anvil.rpc().chainId(), safe, SafeVersion.V1_4_1, tx).safeTxHash();
        anvil.send(b.address(), safe, BigInteger.ZERO, SafeAbi.approveHash(safeTxHash));
        SafeSignature eip712 = SafeSignatures.read(a.signDigest(safeTxHash).toBytes(), safeTxHash);
        execute(safe, tx, List.of(eip712, new SafeSignature.ApprovedHash(b.address())), safes.deployer());
        assertEquals(BigInteger.valueOf(12345), anvil.rpc().balance(to));
    }

    @Test
    void nestedSafeContractSignatureAndEthSignExecute() {
        SoftwareSigner a = key(3);
        SoftwareSigner inner = key(4);
        BigInteger chainId = anvil.rpc().chainId();
        Address innerSafe = safes.createSafe(List.of(inner.address()), 1, BigInteger.valueOf(202));
        Address outer = safes.createSafe(List.of(a.address(), innerSafe), 2, BigInteger.valueOf(203));
        Address to = Address.parse("0x00000000000000000000000000000000000b0b00");
        SafeTx tx = fundedTransfer(outer, to);
        SafeTxHashes h = SafeHasher.hash(chainId, outer, SafeVersion.V1_4_1, tx);

        // Safe 1.4.1 hands the owner contract the 66-byte preimage 0x1901 ‖ domainSeparator ‖ hashStruct(SafeTx);
        // the inner Safe's fallback handler checks its own owner's signature over SafeMessage(that preimage).
        ByteArrayOutputStream preimage = new ByteArrayOutputStream();
        preimage.writeBytes(new byte[] {0x19, 0x01});
        preimage.writeBytes(h.domainHash());
        preimage.writeBytes(h.messageHash());
        byte[] innerDigest = SafeHasher.hashMessage(chainId, innerSafe, SafeVersion.V1_4_1, preimage.toByteArray()).safeTxHash();
        SafeSignature contract = SafeSignatures.contract(innerSafe, inner.signDigest(innerDigest).toBytes());

        SafeSignature ethSign = SafeSignatures.read(SafeSignatures.toEthSign(a.signPersonalMessage(h.safeTxHash())).toBytes(), h.safeTxHash());
        assertEquals(SignatureMethod.ETH_SIGN, ethSign.method());
        assertEquals(a.address(), ethSign.signer());
        execute(outer, tx, List.of(contract, ethSign), safes.deployer());
        assertEquals(BigInteger.valueOf(12345), anvil.rpc().balance(to));
    }
}
