package io.countersign.airgap;

import com.sparrowwallet.hummingbird.registry.CryptoHDKey;
import com.sparrowwallet.hummingbird.registry.CryptoKeypath;
import io.countersign.eth.Address;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * {@code crypto-hdkey} (BCR-2020-007, CBOR tag 303), as a QR wallet exports its Ethereum account
 * key (ERC-4527 "connect"): parsed with hummingbird's registry type. Only public keys are
 * accepted. The first account's address is derived by BIP-32 public derivation
 * ({@code CKDpub}) of {@code 0/0} below the key when it has a chain code, or is the key's own
 * address when it has none.
 *
 * @param key the 33-byte compressed public key
 * @param chainCode 32 bytes, or null
 * @param origin the key's path from the master key ({@code m/44'/60'/0'}), or empty
 * @param sourceFingerprint 4 bytes, or null
 * @param name the wallet's name for the key, or null
 * @param address the first account's address
 * @param addressPath the path of that address
 */
public record HdKeyInfo(byte[] key, byte[] chainCode, String origin, byte[] sourceFingerprint, String name, Address address,
        String addressPath) {
    /** The UR type. */
    public static final String UR_TYPE = "crypto-hdkey";
    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters CURVE = new ECDomainParameters(SECP256K1.getCurve(), SECP256K1.getG(), SECP256K1.getN(), SECP256K1.getH());

    /**
     * @throws AirgapException for a private key, a key that is not a compressed secp256k1
     *     point, or malformed CBOR
     */
    public static HdKeyInfo fromCbor(byte[] cbor) {
        var item = Cbor.decodeOne(cbor, UR_TYPE);
        Cbor.map(item, UR_TYPE, Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        CryptoHDKey k;
        try {
            k = CryptoHDKey.fromCbor(item);
        } catch (RuntimeException e) {
            throw new AirgapException("crypto-hdkey: not a valid key (" + e.getMessage() + ")", e);
        }
        if (k.isPrivateKey() || k.isMaster()) {
            throw new AirgapException("crypto-hdkey holds a private or master key: never export one; export the account's public key");
        }
        byte[] pub = k.getKey();
        if (pub == null || pub.length != 33 || (pub[0] != 2 && pub[0] != 3)) {
            throw new AirgapException("crypto-hdkey key-data must be a 33-byte compressed public key");
        }
        ECPoint point;
        try {
            point = CURVE.getCurve().decodePoint(pub);
        } catch (IllegalArgumentException e) {
            throw new AirgapException("crypto-hdkey key-data is not a point on secp256k1", e);
        }
        byte[] chain = k.getChainCode();
        if (chain != null && chain.length != 32) {
            throw new AirgapException("crypto-hdkey chain-code must be 32 bytes");
        }
        CryptoKeypath origin = k.getOrigin();
        String originPath = origin == null || origin.getPath() == null ? "" : "m/" + origin.getPath();
        byte[] fingerprint = origin == null ? null : origin.getSourceFingerprint();
        ECPoint account = point;
        String addressPath = originPath.isEmpty() ? "(this key)" : originPath;
        if (chain != null) {
            byte[][] child = ckdPub(point, chain, 0);
            ECPoint p0 = CURVE.getCurve().decodePoint(child[0]);
            account = CURVE.getCurve().decodePoint(ckdPub(p0, child[1], 0)[0]);
            addressPath = (originPath.isEmpty() ? "(this key)" : originPath) + "/0/0";
        }
        byte[] uncompressed = account.normalize().getEncoded(false);
        Address address = Address.fromPublicKey(Arrays.copyOfRange(uncompressed, 1, 65));
        return new HdKeyInfo(pub, chain, originPath, fingerprint, k.getName(), address, addressPath);
    }

    /** BIP-32 CKDpub for a non-hardened index: the child's compressed key and chain code. */
    static byte[][] ckdPub(ECPoint parent, byte[] chainCode, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("hardened index");
        }
        byte[] i;
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(chainCode, "HmacSHA512"));
            mac.update(parent.getEncoded(true));
            mac.update(ByteBuffer.allocate(4).putInt(index).array());
            i = mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        BigInteger il = new BigInteger(1, Arrays.copyOf(i, 32));
        if (il.compareTo(CURVE.getN()) >= 0) {
            throw new AirgapException("crypto-hdkey: this key's child 0 is invalid (BIP-32: try the next index); export another account");
        }
        ECPoint child = CURVE.getG().multiply(il).add(parent).normalize();
        if (child.isInfinity()) {
            throw new AirgapException("crypto-hdkey: this key's child 0 is the point at infinity");
        }
        return new byte[][] {child.getEncoded(true), Arrays.copyOfRange(i, 32, 64)};
    }
}
