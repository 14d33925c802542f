package io.countersign.hw.protocol.thp;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The host (initiator) side of THP's {@code Noise_XX_25519_AESGCM_SHA256} handshake, pure
 * computation with the keys given by the caller (specification.md, "Host's state machine", states
 * HH0 to HH3). Use once, in order: {@link #initiationRequest}, {@link #readInitiationResponse},
 * {@link #completionRequest}, {@link #readCompletionResponse}.
 *
 * <p>The prologue is the {@code ThpDeviceProperties} bytes from the channel allocation response;
 * the first message carries the {@code try_to_unlock} byte (0x01: show the PIN entry instead of
 * answering DEVICE_LOCKED). The Trezor's static key arrives masked:
 * {@code X25519(SHA-256(static || ephemeral), static)}; {@link #matches} finds a stored credential
 * whose Trezor key gives that mask.
 */
public final class ThpHandshake {
    public static final int STATE_UNPAIRED = 0;
    public static final int STATE_PAIRED = 1;
    public static final int STATE_PAIRED_AUTOCONNECT = 2;

    private final byte[] hostEphemeralPrivate;
    private final byte[] hostEphemeralPublic;
    private final byte tryToUnlock;
    private byte[] h;
    private byte[] ck;
    private byte[] k;
    private byte[] trezorEphemeral;
    private byte[] trezorMaskedStatic;
    private byte[] hostStaticPublic;
    private int step;

    /**
     * @param deviceProperties the prologue: the device-properties bytes exactly as received
     * @param hostEphemeralPrivate 32 random bytes
     * @param tryToUnlock whether a locked Trezor should show its PIN entry
     */
    public ThpHandshake(byte[] deviceProperties, byte[] hostEphemeralPrivate, boolean tryToUnlock) {
        this.hostEphemeralPrivate = hostEphemeralPrivate.clone();
        this.hostEphemeralPublic = ThpCrypto.publicKey(hostEphemeralPrivate);
        this.tryToUnlock = (byte) (tryToUnlock ? 1 : 0);
        this.ck = ThpCrypto.PROTOCOL_NAME.clone();
        this.h = ThpCrypto.sha256(ThpCrypto.PROTOCOL_NAME, deviceProperties);
    }

    /** HandshakeInitiationRequest: host ephemeral public key (32) and try_to_unlock (1). */
    public byte[] initiationRequest() {
        expectStep(0);
        h = ThpCrypto.sha256(h, hostEphemeralPublic);
        h = ThpCrypto.sha256(h, new byte[] {tryToUnlock});
        byte[] out = Arrays.copyOf(hostEphemeralPublic, 33);
        out[32] = tryToUnlock;
        return out;
    }

    /**
     * Reads HandshakeInitiationResponse: Trezor ephemeral key (32), encrypted masked static key (48)
     * and the tag of the empty payload (16).
     *
     * @throws ThpCryptoException for a wrong length, a low-order key or a tag that does not verify
     */
    public void readInitiationResponse(byte[] payload) throws ThpCryptoException {
        expectStep(1);
        if (payload.length != 96) {
            throw new ThpCryptoException("HandshakeInitiationResponse must be 96 bytes, got " + payload.length);
        }
        trezorEphemeral = Arrays.copyOf(payload, 32);
        byte[] encryptedStatic = Arrays.copyOfRange(payload, 32, 80);
        byte[] tag = Arrays.copyOfRange(payload, 80, 96);
        h = ThpCrypto.sha256(h, trezorEphemeral);
        mix(ThpCrypto.x25519(hostEphemeralPrivate, trezorEphemeral));
        trezorMaskedStatic = ThpCrypto.decrypt(k, 0, h, encryptedStatic);
        h = ThpCrypto.sha256(h, encryptedStatic);
        mix(ThpCrypto.x25519(hostEphemeralPrivate, trezorMaskedStatic));
        byte[] empty = ThpCrypto.decrypt(k, 0, h, tag);
        if (empty.length != 0) {
            throw new ThpCryptoException("HandshakeInitiationResponse tag carries data");
        }
        h = ThpCrypto.sha256(h, tag);
    }

    /** The Trezor's ephemeral public key from the initiation response. */
    public byte[] trezorEphemeralPublicKey() {
        return trezorEphemeral.clone();
    }

    /** The Trezor's masked static public key from the initiation response. */
    public byte[] trezorMaskedStaticPublicKey() {
        return trezorMaskedStatic.clone();
    }

    /**
     * True if {@code trezorStaticPublicKey} (from a stored credential) is the key this Trezor masked:
     * {@code X25519(SHA-256(static || ephemeral), static) == masked}.
     */
    public static boolean matches(byte[] trezorStaticPublicKey, byte[] trezorEphemeralPublicKey, byte[] trezorMaskedStatic) {
        try {
            byte[] mask = ThpCrypto.sha256(trezorStaticPublicKey, trezorEphemeralPublicKey);
            return MessageDigest.isEqual(ThpCrypto.x25519(mask, trezorStaticPublicKey), trezorMaskedStatic);
        } catch (ThpCryptoException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * HandshakeCompletionRequest: encrypted host static key (48) and the encrypted
     * {@code ThpHandshakeCompletionReqNoisePayload} (its plaintext is {@code noisePayload}).
     *
     * @param hostStaticPrivate the key stored with the credential, or a new one when unpaired
     * @param noisePayload protobuf bytes of ThpHandshakeCompletionReqNoisePayload
     */
    public byte[] completionRequest(byte[] hostStaticPrivate, byte[] noisePayload) throws ThpCryptoException {
        expectStep(2);
        hostStaticPublic = ThpCrypto.publicKey(hostStaticPrivate);
        byte[] encryptedStatic = ThpCrypto.encrypt(k, 1, h, hostStaticPublic);
        h = ThpCrypto.sha256(h, encryptedStatic);
        mix(ThpCrypto.x25519(hostStaticPrivate, trezorEphemeral));
        byte[] encryptedPayload = ThpCrypto.encrypt(k, 0, h, noisePayload);
        h = ThpCrypto.sha256(h, encryptedPayload);
        return ThpPackets.concat(encryptedStatic, encryptedPayload);
    }

    /** The two transport keys and the state the Trezor reported. */
    public record Result(byte[] keyRequest, byte[] keyResponse, int trezorState, byte[] handshakeHash) {}

    /**
     * Reads HandshakeCompletionResponse (the encrypted 1-byte Trezor state) and derives
     * {@code key_request, key_response = HKDF(ck, empty)}. After it the request nonce is 0 and the
     * response nonce 1.
     */
    public Result readCompletionResponse(byte[] payload) throws ThpCryptoException {
        expectStep(3);
        byte[][] keys = ThpCrypto.hkdf(ck, new byte[0]);
        byte[] state = ThpCrypto.decrypt(keys[1], 0, new byte[0], payload);
        if (state.length != 1 || state[0] < 0 || state[0] > STATE_PAIRED_AUTOCONNECT) {
            throw new ThpCryptoException("the Trezor sent an unknown pairing state (" + state.length + " bytes)");
        }
        return new Result(keys[0], keys[1], state[0], h.clone());
    }

    /**
     * {@code key_request, key_response = HKDF(ck, empty)}, available once the completion request is
     * written (the Trezor's answer is encrypted with key_response).
     */
    public byte[][] transportKeys() {
        if (step < 3) {
            throw new IllegalStateException("THP transport keys exist only after the completion request");
        }
        return ThpCrypto.hkdf(ck, new byte[0]);
    }

    /** The handshake hash h so far (after the completion request: the final handshake hash). */
    public byte[] handshakeHash() {
        return h.clone();
    }

    /** The chaining key so far. */
    public byte[] chainingKey() {
        return ck.clone();
    }

    private void mix(byte[] dh) {
        byte[][] out = ThpCrypto.hkdf(ck, dh);
        ck = out[0];
        k = out[1];
    }

    private void expectStep(int s) {
        if (step != s) {
            throw new IllegalStateException("THP handshake step " + s + " called at step " + step);
        }
        step++;
    }
}
